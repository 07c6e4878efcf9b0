package org.peerdesk.messaging;

import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * Where a forwarded message's text first came from: its author, and the name the member who forwarded it knows that author
 * by (for members who do not know the author themselves). Forwarding a forwarded message keeps the first author.
 */
public record Forwarded(PeerId author, String name) {

    /** The most characters of the author's name a forwarded message carries. */
    public static final int MAX_NAME_CHARS = 100;

    public Forwarded {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(name, "name");
        if (name.length() > MAX_NAME_CHARS) {
            name = name.substring(0, MAX_NAME_CHARS);
        }
    }
}
