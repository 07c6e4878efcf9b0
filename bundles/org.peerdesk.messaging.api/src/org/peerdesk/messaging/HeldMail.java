package org.peerdesk.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * Sealed mail this node holds as {@code recipient}'s mailbox: how many pieces, their size, and since when the
 * oldest waits (none while nothing waits for a peer that chose this node).
 */
public record HeldMail(PeerId recipient, int pieces, long bytes, Optional<Instant> oldest) {

    public HeldMail {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(oldest, "oldest");
    }
}
