package org.peerdesk.transport.netty;

import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;

/**
 * A connection carried through {@code relay}: proven as the node's own link proves its connections (TLS with the
 * peer's pinned ID), on an in-JVM channel joined to the relay stream ({@link StreamBridge}). It neither listens nor
 * dials; the peer is reached through the relay, which is the only address it has.
 */
final class RelayedLink implements Link {

    private static final String NEITHER = "a relayed connection neither listens nor is dialed: it comes through its relay";

    private final Link proof;
    private final PeerId relay;
    private final PeerAddress relayAddress;

    RelayedLink(Link proof, PeerId relay, PeerAddress relayAddress) {
        this.proof = proof;
        this.relay = relay;
        this.relayAddress = relayAddress;
    }

    /** Not asked: the relayed connection's in-JVM channels run on the transport's own loop for them. */
    @Override
    public IoHandlerFactory ioHandlers() {
        throw new UnsupportedOperationException(NEITHER);
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        throw new UnsupportedOperationException(NEITHER);
    }

    @Override
    public Class<? extends Channel> channel() {
        throw new UnsupportedOperationException(NEITHER);
    }

    @Override
    public SocketAddress listenAddress(String host, int port) {
        throw new UnsupportedOperationException(NEITHER);
    }

    @Override
    public SocketAddress dialAddress(PeerAddress address) {
        throw new UnsupportedOperationException(NEITHER);
    }

    @Override
    public void authenticate(ChannelPipeline pipeline, PeerId expected, PeerAddress address) throws TransportException {
        proof.authenticate(pipeline, expected, address);
    }

    @Override
    public PeerAddress peerAddress(Channel channel, boolean outbound, int announcedPort) {
        return relayAddress;
    }

    @Override
    public int listenPort(Channel server) {
        throw new UnsupportedOperationException(NEITHER);
    }

    @Override
    public List<PeerAddress> listenAddresses(Channel server) {
        return List.of();
    }

    @Override
    public Optional<PeerId> relay() {
        return Optional.of(relay);
    }
}
