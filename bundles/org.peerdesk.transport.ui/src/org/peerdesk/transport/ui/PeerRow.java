package org.peerdesk.transport.ui;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.peerdesk.core.Elapsed;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;

/**
 * One line of the Peers table, as shown: who, whether online (or else when last seen: one column
 * for both, so that the table fits the view beside the window's other parts), how trusted, where.
 * A peer introduced to this node, not known yet, has a line too, which says who introduced it; a peer
 * reached only through a relay says through whom ({@code relayedBy}). {@code alsoAt} are the other addresses the peer
 * said reach it from other networks; {@code lastTry} says why the last dial of an offline peer failed.
 */
record PeerRow(PeerId id, String name, boolean online, String state, String trust, String address, List<String> alsoAt,
        Optional<String> relayedBy, Optional<Introduced> introduced, Optional<String> lastTry) {

    /** The state of a peer that answers and refuses this machine as the node. */
    static final String REFUSES = "refuses this machine";

    /** An introduction of the row's peer, and the name of the peer that made it. */
    record Introduced(Introduction introduction, String by) {
    }

    /** For a peer introduced, what the row is and what to do with it, for the tip over its name and state. */
    Optional<String> introducedTip() {
        return introduced.map(introduction -> introduction.by() + " introduced " + name + " to you: select the row, then Add or Decline");
    }

    /**
     * What the state says, in full: who introduced the peer, what being reached through a relay means, or why the last dial
     * of an offline peer failed.
     */
    Optional<String> stateTip() {
        return introducedTip().or(() -> relayedBy.map(relay -> "Reached through " + relay + ", which carries the connection"
                + " without being able to read it\n(it is encrypted between you and " + name + "). A direct connection takes its"
                + " place as soon as one can be made.")).or(() -> lastTry);
    }

    /** Where else the peer can be reached, for the tip over its address. */
    Optional<String> addressTip() {
        return alsoAt.isEmpty() ? Optional.empty() : Optional.of(address + "\n" + name + " also said it can be reached at "
                + String.join(", ", alsoAt) + "\n(a public address, or where its router forwards): dialed too when the first does not answer");
    }

    /**
     * The rows of the {@code known} peers, then of the peers {@code introduced} (one row each, the first
     * introduction of it), naming introducers by {@code names}; an offline peer's row says why its last dial failed
     * ({@code problems}).
     */
    static List<PeerRow> of(List<KnownPeer> known, Collection<ConnectedPeer> connected, List<Introduction> introduced,
            Function<PeerId, String> trust, Function<PeerId, String> names, Function<PeerId, Optional<DialProblem>> problems,
            Instant now) {
        Map<PeerId, ConnectedPeer> online = connected.stream().collect(Collectors.toMap(ConnectedPeer::id, Function.identity()));
        Stream<PeerRow> knownRows = known.stream().map(peer -> {
            ConnectedPeer connection = online.get(peer.id());
            boolean direct = connection != null && !connection.relayed();
            String address = direct ? connection.address().shown() : peer.address().map(PeerAddress::shown).orElse("unknown");
            Optional<String> relayedBy = connection == null ? Optional.empty() : connection.relay().map(names);
            Optional<DialProblem> problem = connection == null ? problems.apply(peer.id()) : Optional.empty();
            String state = connection != null ? relayedBy.map(relay -> "online via " + relay).orElse("online")
                    : problem.filter(DialProblem::refused).isPresent() ? REFUSES
                    : peer.lastSeen().map(when -> "seen " + Elapsed.since(when, now)).orElse("never seen");
            List<String> alsoAt = peer.publicAddresses().stream().map(PeerAddress::shown).filter(other -> !other.equals(address)).toList();
            return new PeerRow(peer.id(), peer.name(), connection != null, state, trust.apply(peer.id()), address, alsoAt, relayedBy,
                    Optional.empty(), problem.map(last -> "Last tried " + Elapsed.since(last.at(), now) + ": " + last.reason()));
        });
        Map<PeerId, Introduction> firstOfEach = new LinkedHashMap<>();
        introduced.forEach(introduction -> firstOfEach.putIfAbsent(introduction.peer(), introduction));
        Stream<PeerRow> introducedRows = firstOfEach.values().stream().map(introduction -> {
            String by = names.apply(introduction.introducer());
            return new PeerRow(introduction.peer(), introduction.name(), false, "via " + by, "new",
                    introduction.addresses().stream().findFirst().map(PeerAddress::shown).orElse("unknown"), List.of(), Optional.empty(),
                    Optional.of(new Introduced(introduction, by)), Optional.empty());
        });
        return Stream.concat(knownRows, introducedRows).toList();
    }
}
