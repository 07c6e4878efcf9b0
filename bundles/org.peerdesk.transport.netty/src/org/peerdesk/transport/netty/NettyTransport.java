package org.peerdesk.transport.netty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * {@link TransportService} over TCP with TLS 1.3, on Netty. Listens for peers, dials them, and
 * keeps one connection per peer; each connection runs the pipeline TLS, length framing, frame
 * codec, idle detection, {@link ConnectionHandler}.
 */
public final class NettyTransport implements TransportService, AutoCloseable {

    private static final Logger LOG = System.getLogger(NettyTransport.class.getName());
    /** Unsent bytes a connection holds before bulk writers wait: small, so other streams' frames go out soon. */
    private static final WriteBufferWaterMark OUTBOUND_LIMIT = new WriteBufferWaterMark(256 * 1024, 512 * 1024);

    /** How the transport listens and how patient it is. */
    public record Settings(String listenHost, int listenPort, int portsToTry, Duration pingInterval,
            Duration idleTimeout, Duration helloTimeout, Duration connectTimeout) {

        public static final int DEFAULT_PORT = 22070;

        public static Settings listeningOn(String host, int port, int portsToTry) {
            return new Settings(host, port, portsToTry, Duration.ofSeconds(15), Duration.ofSeconds(45),
                    Duration.ofSeconds(10), Duration.ofSeconds(10));
        }
    }

    private final NodeIdentity identity;
    private final Settings settings;
    private final Clock clock;
    private final TlsEngines tls;
    private final ConnectionRegistry registry;
    private final StreamDispatcher dispatcher;
    private final EventLoopGroup network = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ExecutorService callbacks;
    private final Channel server;

    NettyTransport(NodeIdentity identity, Settings settings, Clock clock, TransportEvents events,
            StreamDispatcher.Factory dispatchers) throws TransportException {
        this.identity = identity;
        this.settings = settings;
        this.clock = clock;
        this.tls = new TlsEngines(identity, clock);
        this.registry = new ConnectionRegistry(identity.peerId(), events);
        this.callbacks = Executors.newCachedThreadPool(Threads.daemon("peerdesk-transport"));
        this.dispatcher = dispatchers.create(callbacks);
        this.server = bind();
    }

    private Channel bind() throws TransportException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(network).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, OUTBOUND_LIMIT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        pipeline(channel, new SslHandler(tls.server()), false, new CompletableFuture<>());
                    }
                });
        TransportException failure = null;
        for (int port = settings.listenPort(); port < settings.listenPort() + Math.max(1, settings.portsToTry()); port++) {
            try {
                Channel channel = bootstrap.bind(settings.listenHost(), port).syncUninterruptibly().channel();
                LOG.log(Level.INFO, "Listening for peers on {0}", channel.localAddress());
                return channel;
            } catch (Exception e) {
                if (!(e instanceof BindException)) {
                    network.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                    throw new TransportException("Cannot listen on " + settings.listenHost() + ":" + port + ": "
                            + e.getMessage(), e);
                }
                failure = new TransportException("Cannot listen on " + settings.listenHost() + ":" + port
                        + ": the port is in use. Choose another with --listen.", e);
            }
        }
        network.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        throw failure;
    }

    private void pipeline(Channel channel, SslHandler ssl, boolean outbound, CompletableFuture<ConnectedPeer> connected) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("tls", ssl);
        pipeline.addLast("frames-in", FrameCodec.lengthDecoder());
        pipeline.addLast("frames-out", new LengthFieldPrepender(4));
        pipeline.addLast("codec", new FrameCodec());
        pipeline.addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(),
                settings.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("connection", new ConnectionHandler(outbound, hello(), registry, dispatcher, callbacks, clock,
                settings.helloTimeout(), connected));
    }

    private Hello hello() {
        return new Hello(Hello.VERSION, 0, ((InetSocketAddress) server.localAddress()).getPort(), identity.displayName());
    }

    /** The port peers reach this node on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public List<PeerAddress> listenAddresses() {
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

    @Override
    public CompletionStage<ConnectedPeer> connect(PeerId expected, PeerAddress address) {
        if (expected.equals(identity.peerId())) {
            return CompletableFuture.failedFuture(new TransportException("That is this node's own ID."));
        }
        Optional<PeerConnection> existing = registry.get(expected);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get().peer());
        }
        CompletableFuture<ConnectedPeer> connected = new CompletableFuture<>();
        SslHandler ssl;
        try {
            ssl = new SslHandler(tls.client(expected, address));
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        new Bootstrap().group(network).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, OUTBOUND_LIMIT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        pipeline(channel, ssl, true, connected);
                    }
                })
                .connect(address.host(), address.port())
                .addListener(attempt -> {
                    if (!attempt.isSuccess()) {
                        connected.completeExceptionally(new TransportException("Cannot reach " + address + ": "
                                + ConnectionHandler.describe(attempt.cause()) + "."));
                    }
                });
        return connected;
    }

    @Override
    public CompletionStage<Stream> openStream(PeerId peer, ProtocolId protocol) {
        return registry.get(peer)
                .map(connection -> (CompletionStage<Stream>) connection.open(protocol))
                .orElseGet(() -> CompletableFuture.failedFuture(
                        new TransportException("Not connected to " + peer.shortForm() + ".")));
    }

    @Override
    public List<ConnectedPeer> connectedPeers() {
        return registry.all().stream().map(PeerConnection::peer).toList();
    }

    @Override
    public Optional<ConnectedPeer> connection(PeerId peer) {
        return registry.get(peer).map(PeerConnection::peer);
    }

    @Override
    public void disconnect(PeerId peer) {
        registry.get(peer).ifPresent(connection -> connection.goAway("closed by the user"));
    }

    /** Says goodbye to every peer, stops listening and stops the threads. */
    @Override
    public void close() {
        registry.all().forEach(connection -> connection.goAway("the node is shutting down"));
        server.close().syncUninterruptibly();
        network.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        callbacks.shutdownNow();
    }
}
