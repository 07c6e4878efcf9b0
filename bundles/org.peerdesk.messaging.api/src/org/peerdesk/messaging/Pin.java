package org.peerdesk.messaging;

import java.time.Instant;
import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * A message pinned to the top of its conversation: by which member, and when ({@code clock}, that member's
 * hybrid-logical-clock reading, as {@link Message#clock}). Any member pins or unpins any message; the newest change counts,
 * the same on every member's node.
 */
public record Pin(PeerId by, long clock) {

    public Pin {
        Objects.requireNonNull(by, "by");
    }

    /** When it was pinned, to the millisecond. */
    public Instant when() {
        return Instant.ofEpochMilli(clock >>> 16);
    }
}
