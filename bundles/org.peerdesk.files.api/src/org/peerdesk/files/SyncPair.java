package org.peerdesk.files;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A share kept in two-way sync with a peer's share of the same name: which of its folders ({@code folders}:
 * paths in the share; none, the whole share), how far the running round is, what the last round did and
 * what stands in the way, such as a missing grant; and when the peer last read this share's changes for its own
 * sync with this node ({@code peerLastRead}, to the minute): without that, this node's changes do not reach it.
 */
public record SyncPair(String share, PeerId peer, List<String> folders, State state, Optional<Progress> round, Optional<Instant> lastSync,
        int filesIn, int filesRemoved, Optional<String> problem, Optional<Instant> peerLastRead) {

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

    /**
     * How long a peer that syncs a share with this node goes at most between reads of its changes: its rounds come every
     * minute, and each reads them.
     */
    public static final Duration PEER_READS_WITHIN = Duration.ofMinutes(5);

    /**
     * Whether the peer takes in this node's changes, as far as its reads tell at {@code now}: it read them lately, or it is
     * away (it reads them once back). A peer that read them once but no longer does stopped or paused its own pair.
     */
    public boolean peerTakesChanges(Instant now) {
        return peerLastRead.isPresent() && (state == State.WAITING || peerLastRead.get().isAfter(now.minus(PEER_READS_WITHIN)));
    }

    /** The same pair, with what stands in its way. */
    public SyncPair withProblem(String problem) {
        return new SyncPair(share, peer, folders, state, round, lastSync, filesIn, filesRemoved, Optional.of(problem), peerLastRead);
    }

    /**
     * What starting the pair with {@code peerName} means: the peer's changes come in, this node's go out only as the peer
     * syncs its share with this node too (each side takes in what the other changed); and what stands in the way.
     */
    public String startedSummary(String peerName) {
        return "Syncing '" + share + "'" + (folders.isEmpty() ? "" : " (only " + String.join(", ", folders) + ")") + " with " + peerName
                + ": its changes come into your share, and yours reach it " + (peerLastRead.isPresent() ? "as" : "once") + " it syncs '"
                + share + "' with this node too." + problem.map(said -> " " + said).orElse("");
    }

    public SyncPair {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(peer, "peer");
        folders = List.copyOf(folders);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(lastSync, "lastSync");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(peerLastRead, "peerLastRead");
    }
}
