package org.peerdesk.transport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * A known peer's word that this node's user may want to know {@code peer}: who it is, what the introducer calls
 * it, where the introducer reaches it. It waits for the user, who accepts it (and so adds the peer) or declines it.
 *
 * @param id         this node's number for it, to accept or decline it by
 * @param introducer the known peer that made the introduction
 * @param peer       the peer introduced
 * @param name       what the introducer calls that peer
 * @param addresses  where the introducer last reached it, best first; may be empty
 * @param received   when the introduction arrived
 */
public record Introduction(long id, PeerId introducer, PeerId peer, String name, List<PeerAddress> addresses, Instant received) {

    public Introduction {
        Objects.requireNonNull(introducer, "introducer");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(received, "received");
    }
}
