package org.peerdesk.permissions;

import java.time.Instant;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * One line of the audit log. Each entry's {@code hash} covers its fields and the previous entry's
 * hash, so changing or removing an entry breaks the chain from there on.
 */
public record AuditEntry(long sequence, Instant at, Event event, Optional<PeerId> peer, String resource, String detail,
        String hash) {

    /** What happened. */
    public enum Event {
        REQUESTED, APPROVED, DENIED, GRANTED, REVOKED, EXPIRED, REFUSED, TRUST_CHANGED, PASSWORD_SET, PASSWORD_REMOVED,
        UNLOCKED, UNLOCK_FAILED, LOCKED_OUT, ASKED, ANSWERED,
        /** A peer's identity, or this node's own, was met on a newer machine (a take-over from a backup). */
        MOVED,
        /** A peer's identity, or this node's own, was met on two machines running at once (a copy): the second was refused. */
        TWIN;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
