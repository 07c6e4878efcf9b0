package org.peerdesk.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A plugin bundle that adds two commands, both {@link EchoCommand}s: {@value #ECHO}, and {@value #TAKEN}, which is a
 * built-in command's word and so does not run. It holds no classes of its own, so a test makes it on the spot.
 */
public final class CommandPlugin {

    public static final String NAME = "org.example.commands";
    public static final String ECHO = "echo";
    public static final String TAKEN = "status";

    private CommandPlugin() {
    }

    /** Writes the bundle to {@code jar}, whole or not at all. */
    public static Path write(Path jar) throws IOException {
        return new PluginJar(NAME, "1.0.0").header("Import-Package", "org.peerdesk.core,org.peerdesk.testing")
                .component("org.example.Echo", EchoCommand.class.getName(), command(ECHO))
                .component("org.example.Status", EchoCommand.class.getName(), command(TAKEN))
                .writeTo(jar);
    }

    private static String command(String word) {
        return "<property name=\"word\" value=\"" + word + "\"/><service><provide interface=\"org.peerdesk.core.NodeCommand\"/></service>";
    }
}
