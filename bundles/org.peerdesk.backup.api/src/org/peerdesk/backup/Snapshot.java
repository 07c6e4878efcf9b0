package org.peerdesk.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * One run's picture of a set: {@code files} files of {@code bytes} bytes in all, of which the run
 * had to upload {@code uploadedBytes} (the rest was already held); {@code underCopied} chunks have
 * fewer copies than the set asks for (verify repairs them once holders are back).
 */
public record Snapshot(String id, String set, Instant time, long files, long bytes, long uploadedBytes, int underCopied) {

    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(time, "time");
    }
}
