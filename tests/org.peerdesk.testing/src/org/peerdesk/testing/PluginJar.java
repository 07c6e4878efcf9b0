package org.peerdesk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A plugin bundle made on the spot: a manifest, text entries, and Declarative Services components whose classes come
 * from bundles it imports, so that it needs no classes of its own.
 */
public final class PluginJar {

    private final Manifest manifest = new Manifest();
    private final Map<String, String> entries = new LinkedHashMap<>();
    private final List<String> components = new ArrayList<>();

    public PluginJar(String symbolicName, String version) {
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
    }

    public PluginJar header(String name, String value) {
        manifest.getMainAttributes().putValue(name, value);
        return this;
    }

    public PluginJar entry(String name, String text) {
        entries.put(name, text);
        return this;
    }

    /** A component named {@code name}, made of {@code implementation}, with {@code body} (references, properties, services). */
    public PluginJar component(String name, String implementation, String body) {
        String entry = "OSGI-INF/" + name + ".xml";
        components.add(entry);
        return entry(entry, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\""
                + " name=\"" + name + "\" immediate=\"true\"><implementation class=\"" + implementation + "\"/>" + body + "</scr:component>\n");
    }

    /** Writes the bundle to {@code jar}, whole or not at all: a folder watched for jars never sees it half-written. */
    public Path writeTo(Path jar) throws IOException {
        if (!components.isEmpty()) {
            header("Service-Component", String.join(",", components));
        }
        Path temporary = jar.resolveSibling(jar.getFileName() + ".part");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(temporary), manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
