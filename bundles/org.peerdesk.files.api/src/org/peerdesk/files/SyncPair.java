package org.peerdesk.files;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A share kept in two-way sync with a peer's share of the same name: which of its folders ({@code folders}:
 * paths in the share; none, the whole share), how far the running round is, what the last round did and
 * what stands in the way, such as a missing grant.
 */
public record SyncPair(String share, PeerId peer, List<String> folders, State state, Optional<Progress> round, Optional<Instant> lastSync,
        int filesIn, int filesRemoved, Optional<String> problem) {

    /**
     * How far a running round is: the paths it settled, of those it knows so far (a round takes up what
     * the peer changes meanwhile, so {@code known} can grow).
     */
    public record Progress(int settled, int known) {
    }

    public enum State {
        /** Up to date as of the last round. */
        IDLE,
        SYNCING,
        /** The peer is offline; the pair goes on when it connects. */
        WAITING,
        /** The user paused it: nothing comes in from the peer until it is resumed. */
        PAUSED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SyncPair {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(peer, "peer");
        folders = List.copyOf(folders);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(lastSync, "lastSync");
        Objects.requireNonNull(problem, "problem");
    }
}
