package org.peerdesk.permissions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A request for access: incoming (a peer asks this node) or outgoing (this node asked a peer).
 * {@code id} numbers it on this node, for {@code approve ID}; the asker's {@code reference} names
 * it on the wire, so that the outcome finds its way back. {@code askerName}, for an incoming request,
 * is the name the asker gave for itself when it asked: its own word, which names a stranger until
 * the owner decides.
 */
public record AccessRequest(long id, String reference, Direction direction, PeerId peer, GrantTerms asked, String note,
        State state, Instant created, Optional<Instant> decided, Optional<GrantTerms> granted, Optional<String> askerName) {

    public enum Direction {
        INCOMING, OUTGOING;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum State {
        PENDING, APPROVED, DENIED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final int MAX_NOTE = 1000;

    public AccessRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(decided, "decided");
        Objects.requireNonNull(granted, "granted");
        Objects.requireNonNull(askerName, "askerName");
    }

    /**
     * How to name the other side to the user: by {@code known}, the name this node knows the peer by, where it is a
     * known peer; otherwise as a stranger, with the name it gave (which anyone could give) beside its ID.
     */
    public String peerName(Optional<String> known) {
        return known.orElseGet(() -> askerName.map(name -> name + " (stranger " + peer.shortForm() + ")")
                .orElse(peer.shortForm() + " (stranger)"));
    }

    /** Whether this is an incoming request still waiting for this node's owner to answer. */
    public boolean awaitsDecision() {
        return direction == Direction.INCOMING && state == State.PENDING;
    }
}
