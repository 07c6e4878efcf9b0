package org.peerdesk.transport.core;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.PeerId;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
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

    /** What another test node does with a stream opened to it. */
    interface Server {
        void serve(Stream stream) throws Exception;
    }

    /** A stream from {@code asker} to {@code peer}, whose other end {@code server} serves on a thread of its own. */
    static CompletionStage<Stream> servedBy(PeerId asker, PeerId peer, ProtocolId protocol, Server server) {
        try {
            PipeStream[] ends = PipeStream.pair(asker, peer, protocol);
            CompletableFuture.runAsync(() -> {
                try (Stream theirs = ends[1]) {
                    server.serve(theirs);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return CompletableFuture.completedFuture(ends[0]);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
