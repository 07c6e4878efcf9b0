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

    /**
     * What a listing's next page starts after when this entry ends a page: the name, with a slash after a folder's
     * (folders are listed before files, so the two would otherwise be one mark).
     */
    public String pageMark() {
        return directory ? name() + "/" : name();
    }
}
