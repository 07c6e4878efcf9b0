package org.peerdesk.transport.event;

import java.time.Instant;
import java.util.Objects;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;

/**
 * This node met {@code peer}'s identity on two machines running at the same time ({@code org.peerdesk.identity.MachineRun}):
 * a copy of its data directory, or of its key. It kept the machine it was connected to first, at {@code kept}, and refused
 * the other, at {@code refused}; both are told.
 */
public record TwinRefused(PeerId peer, PeerAddress kept, PeerAddress refused, Instant at) {

    public TwinRefused {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(refused, "refused");
        Objects.requireNonNull(at, "at");
    }
}
