package org.peerdesk.backup;

import java.time.Instant;

/** A file or folder in a snapshot: its path inside the snapshot ({@code /} between names), size, POSIX mode and time. */
public record SnapshotEntry(String path, boolean folder, long size, int mode, Instant modified) {

    /** The last name of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
