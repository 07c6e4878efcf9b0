package org.peerdesk.messaging;

import java.util.Objects;

/**
 * A file that came with a message: its size and where it lies in the author's shares
 * ({@code attachments/MESSAGE/NAME}). The author granted the message's recipients read on it, so
 * they fetch it from the author like any shared file, every block verified.
 */
public record Attachment(long size, String path) {

    public Attachment {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("A negative size.");
        }
    }

    /** The file's name, the last part of its path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
