package org.peerdesk.transport.netty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerRefusedException;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.spi.ProtocolHandler;
import org.peerdesk.transport.spi.StreamAuthorizer;
import org.peerdesk.transport.spi.SuccessionRecord;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * {@link TransportService} on Netty, over a {@link Link}: TCP with TLS 1.3 between machines, or
 * in-JVM channels in tests. Listens for peers, dials them, and keeps one connection per peer; each
 * connection runs the pipeline: the link's authentication, length framing, frame codec, idle
 * detection, {@link ConnectionHandler}.
 */
public final class NettyTransport implements TransportService, AutoCloseable {

    private static final Logger LOG = System.getLogger(NettyTransport.class.getName());
    /** How often the limit hours are looked at: they start and end within this many seconds of their minute. */
    private static final long LIMIT_CHECK_SECONDS = 15;
    /** How long a stopping transport lets handlers whose streams have ended finish before it interrupts them. */
    private static final Duration HANDLERS_END_WITHIN = Duration.ofSeconds(2);
    /** How long a peer's refusal of this machine keeps it quiet: redials of a refused peer come within a minute and a bit. */
    private static final Duration REFUSAL_COUNTS_FOR = Duration.ofMinutes(10);

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
    private final Link link;
    private final ConnectionRegistry registry;
    private final StreamDispatcher dispatcher;
    private final Successions successions;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Pacing pacing = Pacing.unlimited();
    private final AddressLimit addressLimit = new AddressLimit();
    private final Map<Dial, CompletableFuture<ConnectedPeer>> dials = new ConcurrentHashMap<>();
    private RateLimits limits = RateLimits.NONE; // guarded by this, as the next
    private RateLimits limitsInForce = RateLimits.NONE;
    private final EventLoopGroup network;
    /** Runs the in-JVM channels of relayed connections; made once listening works, so a failed start leaves no thread behind. */
    private final EventLoopGroup relayed;
    private final AtomicLong circuits = new AtomicLong();
    private final ExecutorService callbacks;
    private final LookupsOffTheLoop lookups;
    private final Channel server;
    /** Where sockets that dial from the listening port bind, beside the server; empty where the link cannot. */
    private final Optional<SocketAddress> listeningPort;

    /**
     * Starts a transport over {@code link} that serves the streams peers open with {@code handlers},
     * once {@code authorizer} allowed them (with no authorizer, every stream is refused).
     */
    public static NettyTransport start(Link link, NodeIdentity identity, Settings settings, TransportEvents events,
            Supplier<Optional<StreamAuthorizer>> authorizer, Function<ProtocolId, Optional<ProtocolHandler>> handlers)
            throws TransportException {
        return start(link, identity, settings, events, authorizer, handlers, Optional::empty);
    }

    /** Starts one that keeps the machines identities were seen on ({@link Successions}) in {@code successions} too. */
    public static NettyTransport start(Link link, NodeIdentity identity, Settings settings, TransportEvents events,
            Supplier<Optional<StreamAuthorizer>> authorizer, Function<ProtocolId, Optional<ProtocolHandler>> handlers,
            Supplier<Optional<SuccessionRecord>> successions) throws TransportException {
        return new NettyTransport(link, identity, settings, Clock.systemUTC(), events,
                threads -> new StreamDispatcher(threads, authorizer, handlers), successions);
    }

    NettyTransport(Link link, NodeIdentity identity, Settings settings, Clock clock, TransportEvents events,
            StreamDispatcher.Factory dispatchers, Supplier<Optional<SuccessionRecord>> successionRecord) throws TransportException {
        this.link = link;
        this.identity = identity;
        this.settings = settings;
        this.clock = clock;
        this.network = new MultiThreadIoEventLoopGroup(2, link.ioHandlers());
        this.registry = new ConnectionRegistry(identity.peerId(), events);
        this.callbacks = Executors.newCachedThreadPool(Threads.daemon("peerdesk-transport"));
        this.lookups = new LookupsOffTheLoop(callbacks);
        this.dispatcher = dispatchers.create(callbacks);
        this.successions = new Successions(identity.peerId(), identity.succession(), successionRecord, callbacks);
        this.server = bind();
        this.listeningPort = link.shareListeningPort(server);
        this.relayed = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        network.next().scheduleAtFixedRate(this::applyLimitsInForce, LIMIT_CHECK_SECONDS, LIMIT_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    private Channel bind() throws TransportException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(network).channel(link.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) throws TransportException {
                        channel.pipeline().addLast("address-limit", addressLimit);
                        pipeline(channel, link, null, null, new CompletableFuture<>());
                    }
                });
        TransportException failure = null;
        for (int port = settings.listenPort(); port < settings.listenPort() + Math.max(1, settings.portsToTry()); port++) {
            try {
                Channel channel = bootstrap.bind(link.listenAddress(settings.listenHost(), port)).syncUninterruptibly().channel();
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

    /** Sets up a connection over {@code over}: {@code expected} is the peer this node dials, null when the peer dialed. */
    private void pipeline(Channel channel, Link over, PeerId expected, PeerAddress address, CompletableFuture<ConnectedPeer> connected)
            throws TransportException {
        over.configure(channel);
        ChannelPipeline pipeline = channel.pipeline();
        over.authenticate(pipeline, expected, address);
        pipeline.addLast("frames-in", FrameCodec.lengthDecoder());
        pipeline.addLast("codec", new FrameCodec());
        pipeline.addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(),
                settings.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("connection", new ConnectionHandler(over, expected != null, hello(), registry, dispatcher, successions, pacing, callbacks,
                clock, settings.helloTimeout(), connected));
    }

    private Hello hello() {
        return new Hello(Hello.VERSION, Hello.CAPABILITIES, port(), identity.displayName());
    }

    /** The port peers reach this node on. */
    public int port() {
        return link.listenPort(server);
    }

    @Override
    public List<PeerAddress> listenAddresses() {
        return link.listenAddresses(server);
    }

    @Override
    public boolean superseded() {
        return successions.retired().isPresent();
    }

    /** The record of successions came up: it takes what this transport saw meanwhile. */
    void successionRecordUp() {
        successions.recordUp();
    }

    @Override
    public Optional<DialProblem> dialProblem(PeerId peer) {
        return registry.dialProblem(peer);
    }

    /**
     * A peer's refusal counts for as long as a refused machine takes to dial it again, and some: a peer that went away
     * for good (forgotten, say) does not keep this machine quiet.
     */
    @Override
    public boolean refusedByAPeer() {
        return registry.refusedSince(clock.instant().minus(REFUSAL_COUNTS_FOR));
    }

    @Override
    public CompletionStage<ConnectedPeer> connect(PeerId expected, List<PeerAddress> addresses) {
        if (expected.equals(identity.peerId())) {
            return CompletableFuture.failedFuture(new TransportException("That is this node's own ID."));
        }
        if (addresses.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException("No address to dial " + expected.shortForm() + " at."));
        }
        Optional<String> retired = successions.retired();
        if (retired.isPresent()) {
            PeerRefusedException refused = new PeerRefusedException("Could not connect: " + retired.get() + ".");
            registry.dialFailed(expected, DialProblem.of(refused, clock.instant()));
            return CompletableFuture.failedFuture(refused);
        }
        Optional<PeerConnection> existing = registry.get(expected);
        if (existing.isPresent() && !existing.get().peer().relayed()) {
            return CompletableFuture.completedFuture(existing.get().peer());
        }
        // A second dial of the same addresses while one is under way would make a second connection, and
        // that one would replace the first and close the streams already opened on it.
        Dial key = new Dial(expected, List.copyOf(addresses));
        // The failure is noted before the dialer hears of it, so that what it reads next says why.
        CompletableFuture<ConnectedPeer> dial = dials.computeIfAbsent(key, ignored -> dial(expected, key.addresses())
                .whenComplete((peer, failure) -> {
                    if (failure != null) {
                        registry.dialFailed(expected, DialProblem.of(failure, clock.instant()));
                    }
                }));
        dial.whenComplete((peer, failure) -> dials.remove(key, dial));
        return dial;
    }

    /** A dial under way: the peer expected at some addresses. */
    private record Dial(PeerId peer, List<PeerAddress> addresses) {
    }

    private CompletableFuture<ConnectedPeer> dial(PeerId expected, List<PeerAddress> addresses) {
        CompletableFuture<ConnectedPeer> connected = new CompletableFuture<>();
        DialRace.run(addresses, address -> openSocket(address, link.dialFrom(server, address), false), network.next())
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        connected.completeExceptionally(failure);
                    } else {
                        socket.channel().eventLoop().execute(() -> authenticate(socket, expected, connected));
                    }
                });
        return connected;
    }

    /**
     * Dials {@code address} from {@code local} (the system chooses when empty), sharing the listening port if
     * {@code sharingPort}: a bare socket, which {@link #authenticate} makes a connection. It reads
     * nothing until then, so that what the peer sends first waits for the handlers that take it.
     */
    private ChannelFuture openSocket(PeerAddress address, Optional<SocketAddress> local, boolean sharingPort) {
        Bootstrap bootstrap = new Bootstrap().group(network).channel(link.channel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .resolver(lookups)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (sharingPort) {
                            link.sharePort(channel); // before the connect binds it
                        }
                    }
                });
        SocketAddress remote = link.dialAddress(address);
        return local.isPresent() ? bootstrap.connect(remote, local.get()) : bootstrap.connect(remote);
    }

    @Override
    public CompletionStage<ConnectedPeer> punch(PeerId expected, List<PeerAddress> given, boolean leads) {
        List<PeerAddress> addresses = given.stream().distinct().toList(); // each one's failure counts once towards all
        if (listeningPort.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException("This node cannot dial from the port it listens on."));
        }
        if (addresses.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException("No address to dial " + expected.shortForm() + " at."));
        }
        // Each address is dialed and authenticated on its own, with no race between them: an address on a network that
        // a router hides may answer here first and be another machine, which must not cost the dial that reaches the peer.
        // And the peer's dial may reach the listener rather than this node's socket (where only one router filters, or
        // on one machine): then this node's dial fails, and the connection comes in all the same.
        CompletableFuture<PeerConnection> direct = registry.direct(expected);
        if (direct.isDone()) {
            return direct.thenApply(PeerConnection::peer);
        }
        Map<PeerAddress, String> failures = new ConcurrentHashMap<>();
        for (PeerAddress address : addresses) {
            CompletableFuture<ConnectedPeer> connected = new CompletableFuture<>();
            openSocket(address, listeningPort, true).addListener((ChannelFuture dialed) -> {
                if (dialed.isSuccess()) {
                    dialed.channel().eventLoop().execute(() -> authenticate(new DialRace.Socket(dialed.channel(), address),
                            leads ? expected : null, connected));
                } else {
                    connected.completeExceptionally(dialed.cause());
                }
            });
            connected.whenComplete((peer, failure) -> {
                if (failure == null && peer.id().equals(expected)) {
                    return; // the registry completes the direct connection
                }
                // dialed as the side dialed, TLS does not check who answers
                failures.put(address, failure == null ? peer.id().shortForm() + " answered" : ConnectionHandler.describe(failure));
                if (failures.size() == addresses.size()) {
                    network.schedule(() -> direct.completeExceptionally(DialRace.unreachable(addresses, failures)),
                            settings.helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }
        return direct.thenApply(PeerConnection::peer);
    }

    @Override
    public CompletionStage<Void> probe(PeerId expected, PeerAddress address) {
        CompletableFuture<Void> proven = new CompletableFuture<>();
        openSocket(address, link.dialFrom(server, address), false).addListener((ChannelFuture dialed) -> {
            if (!dialed.isSuccess()) {
                proven.completeExceptionally(DialRace.unreachable(List.of(address), Map.of(address, ConnectionHandler.describe(dialed.cause()))));
                return;
            }
            Channel channel = dialed.channel();
            channel.eventLoop().execute(() -> {
                try {
                    link.authenticate(channel.pipeline(), expected, address);
                    channel.pipeline().addLast("proof", new ProofOnly(address, proven));
                    channel.config().setAutoRead(true);
                } catch (TransportException e) {
                    channel.close();
                    proven.completeExceptionally(e);
                }
            });
        });
        return proven;
    }

    /** Runs on the socket's event loop, so that it cannot close between the check and the handlers taking it. */
    private void authenticate(DialRace.Socket socket, PeerId expected, CompletableFuture<ConnectedPeer> connected) {
        if (!socket.channel().isActive()) {
            connected.completeExceptionally(new TransportException("Cannot reach " + socket.address()
                    + ": it closed the connection at once."));
            return;
        }
        try {
            pipeline(socket.channel(), link, expected, socket.address(), connected);
            socket.channel().config().setAutoRead(true);
        } catch (TransportException e) {
            socket.channel().close();
            connected.completeExceptionally(e);
        }
    }

    @Override
    public CompletionStage<ConnectedPeer> connectVia(PeerId relay, PeerId expected) {
        if (expected.equals(identity.peerId()) || relay.equals(expected)) {
            return CompletableFuture.failedFuture(new TransportException(expected.equals(identity.peerId())
                    ? "That is this node's own ID." : "A peer does not relay a connection to itself."));
        }
        Optional<PeerConnection> existing = registry.get(expected);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get().peer());
        }
        return openStream(relay, RelayWire.ID).thenComposeAsync(stream -> {
            try {
                RelayWire.writeRequest(new DataOutputStream(stream.output()), RelayWire.CONNECT, expected);
                Optional<String> refusal = RelayWire.readAnswer(new DataInputStream(stream.input()));
                if (refusal.isPresent()) {
                    stream.close();
                    return CompletableFuture.failedFuture(new TransportException(relay.shortForm() + " does not relay to "
                            + expected.shortForm() + ": " + refusal.get() + "."));
                }
                CompletableFuture<ConnectedPeer> connected = new CompletableFuture<>();
                runRelayed(stream, expected, connected);
                return connected;
            } catch (IOException | TransportException e) {
                stream.reset();
                return CompletableFuture.failedFuture(new TransportException("Relaying through " + relay.shortForm()
                        + " failed: " + e.getMessage(), e));
            }
        }, callbacks);
    }

    /**
     * Takes a connection from {@code origin} that the peer of {@code stream} relays, answering on {@code answer},
     * and serves it as one that came over the network; returns when it ends.
     */
    void acceptRelayed(Stream stream, PeerId origin, DataOutputStream answer) throws IOException, TransportException {
        if (origin.equals(identity.peerId())) {
            RelayWire.writeAnswer(answer, Optional.of("that is this node"));
            return;
        }
        RelayWire.writeAnswer(answer, Optional.empty());
        runRelayed(stream, null, new CompletableFuture<>()).closeFuture().awaitUninterruptibly();
    }

    /**
     * The relay protocol's handler, for the component to offer (with its access rule) beside the others; it carries
     * connections for others while {@code relaysForPeers} says so, and always takes those relayed to this node.
     */
    public ProtocolHandler relayHandler(BooleanSupplier relaysForPeers) {
        return new RelayHandler(this, identity.peerId(), callbacks, relaysForPeers);
    }

    /**
     * Runs a connection over {@code stream}, a relay stream: the usual pipeline on one end of an in-JVM channel pair,
     * the stream joined to the other. {@code expected} is the peer dialed, null for one that came through a relay.
     */
    private Channel runRelayed(Stream stream, PeerId expected, CompletableFuture<ConnectedPeer> connected) throws TransportException {
        PeerId relay = stream.peer();
        PeerAddress relayAddress = registry.get(relay).map(connection -> connection.peer().address())
                .orElseThrow(() -> new TransportException("the relay " + relay.shortForm() + " is no longer connected"));
        LocalAddress end = new LocalAddress("peerdesk-relayed-" + identity.peerId().toHex() + "-" + circuits.incrementAndGet());
        Channel bridge = new ServerBootstrap().group(relayed).channel(LocalServerChannel.class)
                .childHandler(new StreamBridge(stream, callbacks)).bind(end).syncUninterruptibly().channel();
        Link through = new RelayedLink(link, relay, relayAddress);
        try {
            return new Bootstrap().group(relayed).channel(LocalChannel.class).handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) throws TransportException {
                    pipeline(channel, through, expected, relayAddress, connected);
                }
            }).connect(end).syncUninterruptibly().channel();
        } finally {
            bridge.close(); // the pair is made: nothing else connects there
        }
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

    /** Tells every connected peer this node's name, which its user just changed. */
    public void announceName() {
        String name = identity.displayName();
        registry.all().forEach(connection -> connection.announceName(name));
    }

    /** Holds what this node sends and takes in to {@code limits} from now on, transfers under way included. */
    public synchronized void limitRates(RateLimits limits) {
        this.limits = limits;
        applyLimitsInForce();
    }

    /** The limits that hold now: those set, or none outside their hours. */
    synchronized RateLimits limitsInForce() {
        return limitsInForce;
    }

    /** Sets the throttles to the limits that hold now; runs every few seconds, so that limit hours begin and end on time. */
    private synchronized void applyLimitsInForce() {
        RateLimits now = limits.inForceAt(LocalTime.now(clock.withZone(ZoneId.systemDefault())));
        if (now.equals(limitsInForce)) {
            return;
        }
        limitsInForce = now;
        pacing.upload().rate(now.uploadBytesPerSecond());
        pacing.download().rate(now.downloadBytesPerSecond());
        LOG.log(Level.INFO, "Rate limits now: upload {0}, download {1}{2}", ByteSizes.formatRate(now.uploadBytesPerSecond()),
                ByteSizes.formatRate(now.downloadBytesPerSecond()), limits.hours().map(hours -> " (limit hours " + hours + ")").orElse(""));
    }

    @Override
    public void disconnect(PeerId peer) {
        registry.get(peer).ifPresent(connection -> connection.goAway("closed by the user"));
    }

    /** Says goodbye to every peer, stops listening and stops the threads. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        registry.all().forEach(connection -> connection.goAway("the node is shutting down"));
        server.close().syncUninterruptibly();
        network.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        relayed.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        lookups.close();
        stopHandlers();
    }

    /**
     * With every connection closed, the handlers' streams have ended and their handlers end by themselves; interrupting
     * them at once would have a handler that has not yet woken up to its stream's end fail on the interrupt instead.
     */
    private void stopHandlers() {
        callbacks.shutdown();
        try {
            if (callbacks.awaitTermination(HANDLERS_END_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callbacks.shutdownNow();
    }
}
