package org.peerdesk.files;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A share kept in two-way sync with a peer's share of the same name: what the last round did and what
 * stands in the way, such as a missing grant.
 */
public record SyncPair(String share, PeerId peer, State state, Optional<Instant> lastSync, int filesIn, int filesRemoved,
        Optional<String> problem) {

    public enum State {
        /** Up to date as of the last round. */
        IDLE,
        SYNCING,
        /** The peer is offline; the pair goes on when it connects. */
        WAITING;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SyncPair {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSync, "lastSync");
        Objects.requireNonNull(problem, "problem");
    }
}
