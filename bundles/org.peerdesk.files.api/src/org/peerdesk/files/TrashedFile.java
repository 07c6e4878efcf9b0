package org.peerdesk.files;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A file a share's trash keeps: what a peer deleted or replaced there (by sync or an upload), or what a
 * conflict's resolution or a restore set aside, until the trash is emptied of its day.
 *
 * @param share    the share's name
 * @param day      the day (UTC) it went to the trash
 * @param kept     where it is in that day's folder: its path, with {@code ~2}, {@code ~3}... when that path went twice that day
 * @param path     the path in the share it came from, where restoring puts it back
 * @param size     its size in bytes
 * @param modified when its content last changed
 */
public record TrashedFile(String share, LocalDate day, String kept, String path, long size, Instant modified) {

    public TrashedFile {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
    }
}
