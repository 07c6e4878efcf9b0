package org.peerdesk.transport.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportService;

/** A test node's connections, a map the test fills; what dialing and opening streams do is each test's own. */
abstract class FakeConnections implements TransportService {

    final Map<PeerId, ConnectedPeer> connections = new ConcurrentHashMap<>();

    @Override
    public List<PeerAddress> listenAddresses() {
        return List.of();
    }

    @Override
    public List<ConnectedPeer> connectedPeers() {
        return List.copyOf(connections.values());
    }

    @Override
    public Optional<ConnectedPeer> connection(PeerId peer) {
        return Optional.ofNullable(connections.get(peer));
    }

    @Override
    public void disconnect(PeerId peer) {
        connections.remove(peer);
    }
}
