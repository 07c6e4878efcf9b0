package org.peerdesk.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A plugin bundle whose three Declarative Services components cannot work: {@code Waits} waits for a service nobody offers
 * ({@code org.example.Missing}), {@code Fails} cannot be made (its class, borrowed from Peerdesk's core, has no constructor
 * without arguments), {@code Lost} names a class that is nowhere. It holds no classes of its own, so a test makes it on the
 * spot.
 */
public final class BrokenComponents {

    /** What the node says of it: the components by name, in order. */
    public static final String WAITS = "component Waits waits for a Missing";
    public static final String FAILS = "component Fails could not start: ";
    public static final String LOST = "component Lost cannot start: no class org.example.Lost in the plugin or the packages it imports";

    private BrokenComponents() {
    }

    /** Writes the bundle to {@code jar}, whole or not at all. */
    public static Path write(Path jar) throws IOException {
        return new PluginJar("org.example.broken", "1.0.0").header("Import-Package", "org.peerdesk.core")
                .component("org.example.Waits", "org.example.Waits",
                        "<reference name=\"missing\" interface=\"org.example.Missing\" cardinality=\"1..1\"/>")
                .component("org.example.Fails", "org.peerdesk.core.InvalidInputException", "")
                .component("org.example.Lost", "org.example.Lost", "")
                .writeTo(jar);
    }
}
