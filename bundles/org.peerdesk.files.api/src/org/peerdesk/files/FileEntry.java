package org.peerdesk.files;

import java.time.Instant;
import java.util.Objects;

/**
 * A file or folder in a share, by its path relative to the share ({@code /} between names). For
 * folders, the size is 0. {@code mode} holds the POSIX permission bits (such as {@code 0644}).
 */
public record FileEntry(String path, boolean directory, long size, Instant modified, int mode) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
    }

    /** The last name of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
