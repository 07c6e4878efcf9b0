package org.peerdesk.transport.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML a router answers with (device descriptions, SOAP replies), read without what makes XML dangerous from
 * a stranger: no document type, so no entities to expand or files to fetch; elements are found by local name,
 * whatever prefix the router gives its namespaces.
 */
final class UpnpXml {

    /** More than any router's description needs; a reply past it is not read. */
    static final int MAX_BYTES = 64 * 1024;

    private UpnpXml() {
    }

    static Element parse(byte[] xml) throws IOException {
        if (xml.length > MAX_BYTES) {
            throw new IOException("The router's answer is over " + MAX_BYTES / 1024 + " KiB");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // fails on what is not XML, and prints nothing
            Document document = builder.parse(new ByteArrayInputStream(xml));
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("The router's answer is not XML this node reads: " + e.getMessage(), e);
        }
    }

    /** The elements below {@code parent}, at any depth, with the local name {@code name}, in document order. */
    static List<Element> all(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        collect(parent, name, found);
        return found;
    }

    private static void collect(Element parent, String name, List<Element> found) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                if (name.equals(element.getLocalName())) {
                    found.add(element);
                }
                collect(element, name, found);
            }
        }
    }

    /** The trimmed text of the first child element of {@code parent} named {@code name}, or "" when there is none. */
    static String text(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                return element.getTextContent().strip();
            }
        }
        return "";
    }
}
