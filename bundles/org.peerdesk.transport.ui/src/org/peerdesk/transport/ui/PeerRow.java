package org.peerdesk.transport.ui;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peerdesk.core.Elapsed;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;

/**
 * One line of the Peers table, as shown: who, whether online (or else when last seen: one column
 * for both, so that the table fits the view beside the window's other parts), how trusted, where.
 */
record PeerRow(PeerId id, String name, boolean online, String state, String trust, String address) {

    static List<PeerRow> of(List<KnownPeer> known, Collection<ConnectedPeer> connected, Function<PeerId, String> trust,
            Instant now) {
        Map<PeerId, ConnectedPeer> online = connected.stream().collect(Collectors.toMap(ConnectedPeer::id, Function.identity()));
        return known.stream().map(peer -> {
            ConnectedPeer connection = online.get(peer.id());
            String address = connection != null ? connection.address().shown()
                    : peer.address().map(PeerAddress::shown).orElse("unknown");
            String state = connection != null ? "online" : peer.lastSeen().map(when -> "seen " + Elapsed.since(when, now)).orElse("never seen");
            return new PeerRow(peer.id(), peer.name(), connection != null, state, trust.apply(peer.id()), address);
        }).toList();
    }
}
