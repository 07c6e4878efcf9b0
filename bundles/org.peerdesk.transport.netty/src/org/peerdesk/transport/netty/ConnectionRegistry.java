package org.peerdesk.transport.netty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;

/**
 * The one live connection per peer. The peer's identity on a newer machine ({@code MachineSuccession}) takes the place of
 * its connection from an older one; a connection from another start of the peer ({@code MachineRun}) takes the place of
 * one that stopped answering, and is refused while that one answers (see {@link ConnectionHandler}). When two peers dial
 * each other at the same moment, both sides keep the connection dialed by the peer with the lower ID and close the other,
 * so they agree without talking about it; a direct connection always wins over a relayed one. Every connection that
 * becomes the live one is announced, so a listener whose streams died with a replaced connection learns that it may open
 * them again. Until a peer connects, it keeps why the last dial of it failed.
 */
final class ConnectionRegistry {

    private final PeerId local;
    private final TransportEvents events;
    private final Map<PeerId, PeerConnection> live = new HashMap<>();
    private final Map<PeerId, List<CompletableFuture<PeerConnection>>> awaitingDirect = new HashMap<>();
    private final Map<PeerId, DialProblem> dialProblems = new ConcurrentHashMap<>();

    ConnectionRegistry(PeerId local, TransportEvents events) {
        this.local = local;
        this.events = events;
    }

    /** Adds a newly authenticated connection; returns the connection that serves the peer from now on. */
    PeerConnection register(PeerConnection candidate) {
        PeerConnection loser;
        PeerConnection winner;
        dialProblems.remove(candidate.peerId());
        synchronized (this) {
            PeerConnection existing = live.get(candidate.peerId());
            if (existing == null) {
                live.put(candidate.peerId(), candidate);
                winner = candidate;
                loser = null;
            } else {
                winner = preferred(existing, candidate);
                loser = winner == existing ? candidate : existing;
                live.put(candidate.peerId(), winner);
            }
        }
        if (loser != null && loser.succession() < winner.succession()) {
            loser.supersede(winner.succession());
        } else if (loser != null) {
            loser.goAway(whyReplaced(loser, winner));
        }
        if (winner == candidate) {
            // also when it replaces one already announced: what listeners opened on that one is closing
            events.connected(winner.peer());
            if (!winner.peer().relayed()) {
                List<CompletableFuture<PeerConnection>> waiting;
                synchronized (this) {
                    waiting = awaitingDirect.remove(winner.peerId());
                }
                if (waiting != null) {
                    waiting.forEach(each -> each.complete(winner));
                }
            }
        }
        return winner;
    }

    /**
     * Completes when a direct connection with {@code peer} is the live one, at once if it is already, whichever side
     * dialed; the caller completes it otherwise (a timeout), which also stops the waiting.
     */
    CompletableFuture<PeerConnection> direct(PeerId peer) {
        CompletableFuture<PeerConnection> direct = new CompletableFuture<>();
        synchronized (this) {
            PeerConnection current = live.get(peer);
            if (current != null && !current.peer().relayed()) {
                direct.complete(current);
                return direct;
            }
            awaitingDirect.computeIfAbsent(peer, ignored -> new ArrayList<>()).add(direct);
        }
        direct.whenComplete((connection, failure) -> forget(peer, direct));
        return direct;
    }

    private synchronized void forget(PeerId peer, CompletableFuture<PeerConnection> waiting) {
        List<CompletableFuture<PeerConnection>> all = awaitingDirect.get(peer);
        if (all != null && all.remove(waiting) && all.isEmpty()) {
            awaitingDirect.remove(peer);
        }
    }

    private PeerConnection preferred(PeerConnection existing, PeerConnection candidate) {
        if (existing.succession() != candidate.succession()) {
            return existing.succession() > candidate.succession() ? existing : candidate;
        }
        if (existing.machine().twinOf(candidate.machine())) {
            return candidate; // let in only once the other stopped answering (ConnectionHandler)
        }
        if (existing.peer().relayed() != candidate.peer().relayed()) {
            return existing.peer().relayed() ? candidate : existing;
        }
        PeerId existingDialer = existing.outbound() ? local : existing.peerId();
        PeerId candidateDialer = candidate.outbound() ? local : candidate.peerId();
        if (existingDialer.equals(candidateDialer)) {
            return candidate; // the same side dialed again: the old connection is the stale one
        }
        return existingDialer.compareTo(candidateDialer) < 0 ? existing : candidate;
    }

    private static String whyReplaced(PeerConnection loser, PeerConnection winner) {
        if (loser.machine().twinOf(winner.machine())) {
            return "the node started again, and this connection from before stopped answering";
        }
        return loser.peer().relayed() && !winner.peer().relayed() ? "a direct connection takes the relayed one's place"
                : "duplicate connection; keeping the one dialed by the peer with the lower ID";
    }

    /**
     * The live connection with {@code peer} from another machine than {@code machine} that runs as the peer at the same
     * time ({@link Machine#twinOf}), if there is one.
     */
    synchronized Optional<PeerConnection> twinOf(PeerId peer, Machine machine) {
        return Optional.ofNullable(live.get(peer)).filter(connection -> connection.machine().twinOf(machine));
    }

    /** Says that a peer met this node's identity on two machines at once. */
    void twinSeen(TwinSeen seen) {
        events.twinSeen(seen);
    }

    /** Says that this node met a peer's identity on two machines at once, and refused the second. */
    void twinRefused(TwinRefused refused) {
        events.twinRefused(refused);
    }

    /** Removes a closed connection; says the peer disconnected if it was the live one. */
    /** A dial of {@code peer} failed, as the peer's state says until it connects. */
    void dialFailed(PeerId peer, DialProblem problem) {
        dialProblems.put(peer, problem);
    }

    Optional<DialProblem> dialProblem(PeerId peer) {
        return Optional.ofNullable(dialProblems.get(peer));
    }

    /** Whether a peer refused this machine as the node at {@code since} or later, and has not taken it since. */
    boolean refusedSince(Instant since) {
        return dialProblems.values().stream().anyMatch(problem -> problem.refused() && !problem.at().isBefore(since));
    }

    void unregister(PeerConnection connection, String reason) {
        boolean wasLive;
        synchronized (this) {
            wasLive = live.get(connection.peerId()) == connection;
            if (wasLive) {
                live.remove(connection.peerId());
            }
        }
        if (wasLive) {
            events.disconnected(connection.peerId(), reason);
        }
    }

    /** The peer of {@code connection} renamed itself; said if that is the live connection. */
    void renamed(PeerConnection connection, ConnectedPeer peer) {
        boolean isLive;
        synchronized (this) {
            isLive = live.get(connection.peerId()) == connection;
        }
        if (isLive) {
            events.renamed(peer);
        }
    }

    synchronized Optional<PeerConnection> get(PeerId peer) {
        return Optional.ofNullable(live.get(peer));
    }

    synchronized List<PeerConnection> all() {
        return new ArrayList<>(live.values());
    }
}
