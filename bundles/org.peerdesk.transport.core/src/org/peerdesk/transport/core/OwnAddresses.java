package org.peerdesk.transport.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.TransportException;

/** Where this node can be reached from other networks, as invites and its peers are told. */
final class OwnAddresses {

    private OwnAddresses() {
    }

    /**
     * The public addresses the user gave, in their order, then the one the router forwards (if it does), then those where
     * peers see this node that a dial back got through to; each once.
     */
    static List<PeerAddress> fromOtherNetworks(PublicAddresses given, Optional<PortMapping> router, Optional<SeenAddresses> seen)
            throws TransportException {
        List<PeerAddress> addresses = new ArrayList<>(given.addresses());
        router.flatMap(mapping -> mapping.status().address()).ifPresent(addresses::add);
        seen.ifPresent(peers -> addresses.addAll(peers.takingConnections()));
        return addresses.stream().distinct().toList();
    }

    /** Whether {@code address} is a loopback address, which only nodes on this machine reach. */
    static boolean onThisMachineOnly(PeerAddress address) {
        return address.host().startsWith("127.") || address.host().equals("0:0:0:0:0:0:0:1") || address.host().equals("::1");
    }
}
