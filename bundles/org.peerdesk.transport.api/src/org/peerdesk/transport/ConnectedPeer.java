package org.peerdesk.transport;

import java.time.Instant;
import java.util.Objects;

import org.peerdesk.core.PeerId;

/** A peer this node has a connection with now. */
public record ConnectedPeer(PeerId id, String displayName, PeerAddress address, boolean inbound, Instant since) {

    public ConnectedPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(since, "since");
    }
}
