package org.peerdesk.transport;

import java.time.Instant;
import java.util.Objects;

/**
 * Why the last dial of a peer failed, while it has not connected since: what the network or the peer said, and when. The
 * Peers view and {@code peerdesk peers} say it, so that a peer that stays offline is not a mystery.
 *
 * @param reason  what went wrong, as a sentence ("Could not connect: ...")
 * @param refused whether the peer answered and refuses this machine ({@link PeerRefusedException})
 * @param at      when the dial failed
 */
public record DialProblem(String reason, boolean refused, Instant at) {

    public DialProblem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /** The problem {@code failure} (or what caused it) tells of. */
    public static DialProblem of(Throwable failure, Instant at) {
        Throwable cause = failure;
        while (!(cause instanceof TransportException) && cause.getCause() != null) {
            cause = cause.getCause(); // a CompletionException around the transport's own
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new DialProblem(reason, cause instanceof PeerRefusedException, at);
    }
}
