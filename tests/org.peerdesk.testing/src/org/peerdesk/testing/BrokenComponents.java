package org.peerdesk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A plugin bundle whose two Declarative Services components cannot work: {@code Waits} waits for a service nobody offers
 * ({@code org.example.Missing}), {@code Fails} cannot be made (its class, borrowed from Peerdesk's core, has no constructor
 * without arguments). It holds no classes of its own, so a test makes it on the spot.
 */
public final class BrokenComponents {

    /** What the node says of it: the components by name, in order. */
    public static final String WAITS = "component Waits waits for a Missing";
    public static final String FAILS = "component Fails could not start: ";

    private BrokenComponents() {
    }

    /** Writes the bundle to {@code jar}, whole or not at all (a folder watched for jars never sees it half-written). */
    public static Path write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.example.broken");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "org.peerdesk.core");
        main.putValue("Service-Component", "OSGI-INF/waits.xml,OSGI-INF/fails.xml");
        Path temporary = jar.resolveSibling(jar.getFileName() + ".part");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(temporary), manifest)) {
            component(out, "OSGI-INF/waits.xml", "org.example.Waits", "org.example.Waits",
                    "<reference name=\"missing\" interface=\"org.example.Missing\" cardinality=\"1..1\"/>");
            component(out, "OSGI-INF/fails.xml", "org.example.Fails", "org.peerdesk.core.InvalidInputException", "");
        }
        return Files.move(temporary, jar);
    }

    private static void component(JarOutputStream out, String entry, String name, String implementation, String references)
            throws IOException {
        out.putNextEntry(new JarEntry(entry));
        out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\""
                + name + "\" immediate=\"true\"><implementation class=\"" + implementation + "\"/>" + references + "</scr:component>\n")
                .getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
