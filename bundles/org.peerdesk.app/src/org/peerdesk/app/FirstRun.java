package org.peerdesk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Whether the desktop welcomes its user: once per data directory, and only while the node still has the
 * name made up for it. The system property {@value #SWITCH} set to {@code off} leaves the welcome out
 * (the desktop tests that are not about it run with it off).
 */
final class FirstRun {

    static final String SWITCH = "peerdesk.welcome";

    private final Path marker;

    FirstRun(Path dataDirectory) {
        this.marker = dataDirectory.resolve("desktop").resolve("welcomed");
    }

    boolean due(boolean named) {
        return !named && !Files.exists(marker) && !"off".equals(System.getProperty(SWITCH));
    }

    /** The user saw the welcome, whatever they chose: it does not come again. */
    void done() throws IOException {
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, Instant.now() + "\n");
    }
}
