package org.peerdesk.transport.event;

import java.time.Instant;
import java.util.Objects;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;

/**
 * A peer met this node's identity on two machines running at the same time ({@code org.peerdesk.identity.MachineRun}):
 * a data directory copied, a virtual machine cloned, a laptop set up from the old one's disk. The peer keeps the machine
 * it was connected to first and refuses the other: this one, when {@code thisMachineRefused}; otherwise the machine at
 * {@code other}, which tried to connect to it as this node. {@code other} is where the peer sees that other machine.
 */
public record TwinSeen(PeerId peer, PeerAddress other, boolean thisMachineRefused, Instant at) {

    public TwinSeen {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(at, "at");
    }
}
