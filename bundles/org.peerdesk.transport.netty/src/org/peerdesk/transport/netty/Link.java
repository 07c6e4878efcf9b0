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
 * What carries a transport's connections: TCP with TLS between machines ({@link TcpLink}), or
 * Netty's in-JVM channels for tests ({@code org.peerdesk.transport.local}). Everything above it,
 * from frames to streams and authorization, is the same for both.
 */
public interface Link {

    IoHandlerFactory ioHandlers();

    Class<? extends ServerChannel> serverChannel();

    Class<? extends Channel> channel();

    /** Sets the options of a new channel, dialed or accepted. */
    default void configure(Channel channel) {
    }

    /** Where to listen when asked for {@code host} and {@code port}. */
    SocketAddress listenAddress(String host, int port);

    /** Where to dial a peer at {@code address}. */
    SocketAddress dialAddress(PeerAddress address);

    /**
     * The local address to dial {@code address} from, for a node whose server channel is {@code server};
     * empty lets the system choose.
     */
    default Optional<SocketAddress> dialFrom(Channel server, PeerAddress address) {
        return Optional.empty();
    }

    /**
     * Lets sockets dial from the address and port {@code server} listens on, beside it, where the link can (see
     * {@link NettyTransport#punch}); returns that address, or empty where the link cannot.
     */
    default Optional<SocketAddress> shareListeningPort(Channel server) {
        return Optional.empty();
    }

    /** Sets a socket that is about to dial from the listening port to share it with the server. */
    default void sharePort(Channel socket) {
    }

    /**
     * Adds the handlers that prove who the peer is. Once proven, they fire a {@link PeerAuthenticated}
     * event down the pipeline; if the proof fails, they fail the channel with the reason.
     *
     * @param expected the peer this node dials, or null for a connection the peer dialed
     */
    void authenticate(ChannelPipeline pipeline, PeerId expected, PeerAddress address) throws TransportException;

    /** The address of the peer at the other end, given the listening port its Hello announced (0: none). */
    PeerAddress peerAddress(Channel channel, boolean outbound, int announcedPort);

    /** The port a server channel listens on. */
    int listenPort(Channel server);

    /** The addresses peers can reach a server channel at. */
    List<PeerAddress> listenAddresses(Channel server);

    /** The peer through which this link's connections are relayed; empty for a direct link. */
    default Optional<PeerId> relay() {
        return Optional.empty();
    }

    /**
     * Fired once the link has proven the peer's identity, with the machine it runs on ({@code MachineSuccession}) and the
     * start of the node there ({@code MachineRun}) as its proof says; 0 from a link whose proof does not say.
     */
    record PeerAuthenticated(PeerId peer, int succession, long run) {

        /** From a link whose proof does not tell runs apart. */
        public PeerAuthenticated(PeerId peer, int succession) {
            this(peer, succession, 0);
        }
    }
}
