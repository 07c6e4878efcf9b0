package org.peerdesk.transport.netty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.peerdesk.core.PeerId;
import org.peerdesk.identity.MachineRun;
import org.peerdesk.identity.MachineSuccession;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/** TCP with TLS 1.3: the peer is whoever holds the key of the certificate it presented. */
public final class TcpLink implements Link {

    private static final Logger LOG = System.getLogger(TcpLink.class.getName());

    /**
     * Socket reads a network thread makes for one connection before it runs its queued tasks. Netty's
     * 16 reads of up to 64 KiB each meant decrypting up to 1 MiB of a transfer before the thread
     * wrote anything queued from other threads, such as the answer to a small message: about 1.5 ms
     * at this machine's speeds. Two reads bound that wait to an eighth of it.
     */
    private static final int READS_PER_TURN = 2;

    /**
     * Sockets that share a port: the server's, set after it is bound (so that binding still fails on a port another
     * node listens on), and those dialed from it. Linux lets them share it only when all have this set.
     */
    private static final ChannelOption<Boolean> REUSE_PORT = NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);

    private final TlsEngines tls;

    public TcpLink(NodeIdentity identity, Clock clock) throws TransportException {
        this.tls = new TlsEngines(identity, clock);
    }

    @Override
    public IoHandlerFactory ioHandlers() {
        return NioIoHandler.newFactory();
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return NioServerSocketChannel.class;
    }

    @Override
    public Class<? extends Channel> channel() {
        return NioSocketChannel.class;
    }

    @Override
    public void configure(Channel channel) {
        channel.config().setOption(ChannelOption.TCP_NODELAY, true);
        ((MaxMessagesRecvByteBufAllocator) channel.config().getRecvByteBufAllocator()).maxMessagesPerRead(READS_PER_TURN);
    }

    @Override
    public SocketAddress listenAddress(String host, int port) {
        return new InetSocketAddress(host, port);
    }

    @Override
    public SocketAddress dialAddress(PeerAddress address) {
        return InetSocketAddress.createUnresolved(address.host(), address.port()); // looked up when dialed, off the event loop (LookupsOffTheLoop)
    }

    /**
     * A node that listens on one address only dials from it, so that a peer, which records the address a
     * connection came from (with the port the Hello announces), records one this node can be reached at:
     * not the machine's other address that the system would pick for the way out. Only where that works:
     * an address of the same family, and from loopback only to this machine's own addresses.
     */
    @Override
    public Optional<SocketAddress> dialFrom(Channel server, PeerAddress address) {
        InetAddress bound = ((InetSocketAddress) server.localAddress()).getAddress();
        Optional<InetAddress> target = literal(address.host());
        if (bound.isAnyLocalAddress() || target.isEmpty() || (target.get() instanceof Inet6Address) != (bound instanceof Inet6Address)
                || bound.isLoopbackAddress() && !isOwn(target.get())) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(bound, 0));
    }

    /** The address a host names when it is written as one (never a name: that would ask DNS on this thread). */
    private static Optional<InetAddress> literal(String host) {
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isOwn(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public Optional<SocketAddress> shareListeningPort(Channel server) {
        try {
            return server.config().setOption(REUSE_PORT, true) ? Optional.of(server.localAddress()) : Optional.empty();
        } catch (ChannelException e) {
            LOG.log(Level.WARNING, "Cannot share the listening port with sockets that dial from it: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Also SO_REUSEADDR, as the JDK sets on servers: a node that stops while such a socket still waits for the other
     * end's close would otherwise keep its next start off the port for as long.
     */
    @Override
    public void sharePort(Channel socket) {
        socket.config().setOption(REUSE_PORT, true);
        socket.config().setOption(ChannelOption.SO_REUSEADDR, true);
    }

    @Override
    public void authenticate(ChannelPipeline pipeline, PeerId expected, PeerAddress address) throws TransportException {
        pipeline.addLast("heap-reads", HeapReads.INSTANCE);
        SslHandler handler = new SslHandler(expected == null ? tls.server() : tls.client(expected, address));
        handler.setWrapDataSize(TlsEngines.RECORD_DATA);
        pipeline.addLast("tls", handler);
        pipeline.addLast("peer-certificate", new CertificateCheck());
    }

    /** Turns the end of the TLS handshake into the peer's ID, taken from its verified certificate. */
    private static final class CertificateCheck extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (!handshake.isSuccess()) {
                    context.fireExceptionCaught(new TransportException("TLS handshake failed: "
                            + ConnectionHandler.describe(handshake.cause()), handshake.cause()));
                    return;
                }
                try {
                    Certificate[] chain = context.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
                    X509Certificate certificate = (X509Certificate) chain[0];
                    context.fireUserEventTriggered(new PeerAuthenticated(PeerTrustManager.peerIdOf(certificate),
                            MachineSuccession.of(certificate), MachineRun.of(certificate)));
                } catch (SSLPeerUnverifiedException e) {
                    context.fireExceptionCaught(new ProtocolViolation("the peer presented no certificate"));
                }
                return;
            }
            super.userEventTriggered(context, event);
        }
    }

    @Override
    public PeerAddress peerAddress(Channel channel, boolean outbound, int announcedPort) {
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        return new PeerAddress(remote.getAddress().getHostAddress(),
                outbound || announcedPort == 0 ? remote.getPort() : announcedPort);
    }

    @Override
    public int listenPort(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public List<PeerAddress> listenAddresses(Channel server) {
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        if (!bound.getAddress().isAnyLocalAddress()) {
            return List.of(new PeerAddress(bound.getAddress().getHostAddress(), bound.getPort()));
        }
        List<PeerAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(new PeerAddress(address.getHostAddress().replaceAll("%.*$", ""), bound.getPort()));
                    }
                }
            }
        } catch (SocketException e) {
            LOG.log(Level.WARNING, "Cannot list network interfaces: {0}", e.getMessage());
        }
        return addresses;
    }
}
