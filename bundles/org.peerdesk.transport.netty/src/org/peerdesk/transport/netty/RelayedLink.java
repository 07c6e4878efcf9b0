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
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;

/**
 * A connection carried through {@code relay}: proven as the node's own link proves its connections (TLS with the
 * peer's pinned ID), on an in-JVM channel joined to the relay stream ({@link StreamBridge}). It neither listens nor
 * dials; the peer is reached through the relay, which is the only address it has.
 */
final class RelayedLink implements Link {

    private final Link proof;
    private final PeerId relay;
    private final PeerAddress relayAddress;

    RelayedLink(Link proof, PeerId relay, PeerAddress relayAddress) {
        this.proof = proof;
        this.relay = relay;
        this.relayAddress = relayAddress;
    }

    @Override
    public IoHandlerFactory ioHandlers() {
        return LocalIoHandler.newFactory();
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return LocalServerChannel.class;
    }

    @Override
    public Class<? extends Channel> channel() {
        return LocalChannel.class;
    }

    @Override
    public SocketAddress listenAddress(String host, int port) {
        throw new UnsupportedOperationException("a relayed connection does not listen");
    }

    @Override
    public SocketAddress dialAddress(PeerAddress address) {
        throw new UnsupportedOperationException("a relayed connection is not dialed");
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
        throw new UnsupportedOperationException("a relayed connection does not listen");
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
