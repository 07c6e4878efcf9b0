package org.peerdesk.transport;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A peer this node has a connection with now: directly at {@code address}, or through {@code relay}, a peer both
 * are connected to, whose address {@code address} then is (not the peer's: it was not reached there).
 */
public record ConnectedPeer(PeerId id, String displayName, PeerAddress address, boolean inbound, Instant since, Optional<PeerId> relay) {

    public ConnectedPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(relay, "relay");
    }

    /** A direct connection. */
    public ConnectedPeer(PeerId id, String displayName, PeerAddress address, boolean inbound, Instant since) {
        this(id, displayName, address, inbound, since, Optional.empty());
    }

    public boolean relayed() {
        return relay.isPresent();
    }
}
