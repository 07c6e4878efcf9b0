package org.peerdesk.storage;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A node a start-over set aside in the data directory (see {@link DataDirectory#startOverAtNextStart}): the folder it
 * is a data directory of its own in, when it was set aside, and the room its files take.
 */
public record KeptNode(Path folder, Instant setAside, long bytes) {

    /** The folder's name, which {@link DataDirectory#deleteKeptNode} takes. */
    public String name() {
        return folder.getFileName().toString();
    }
}
