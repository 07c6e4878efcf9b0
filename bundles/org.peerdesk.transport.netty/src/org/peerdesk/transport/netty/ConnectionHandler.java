package org.peerdesk.transport.netty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.PeerRefusedException;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;
import org.peerdesk.transport.spi.StreamAuthorizer.Authorization;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The life of one connection once its {@link Link} proved who the peer is: exchanges Hellos (the
 * peer ID comes from that proof, such as a verified certificate, never from a message), registers the connection, then
 * passes frames to it. Keeps it alive with pings and closes it, with the reason in the log, when
 * the peer breaks the protocol, goes silent, or sends a frame over the maximum size.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = System.getLogger(ConnectionHandler.class.getName());
    /**
     * How long the connection with a peer waits to answer a ping when another start of that peer connects: the same machine
     * started again (the old connection is silent, its machine off or its network gone) or a second machine running as the
     * peer (it answers).
     */
    private static final Duration STILL_THERE = Duration.ofSeconds(3);
    private static final int MAX_REASON = 300;

    private final Link link;
    private final boolean outbound;
    private final Hello localHello;
    private final ConnectionRegistry registry;
    private final StreamDispatcher dispatcher;
    private final Successions successions;
    private final Pacing pacing;
    private final Executor callbacks;
    private final Clock clock;
    private final Duration helloTimeout;
    private final CompletableFuture<ConnectedPeer> connected;

    private PeerId peerId;
    private Machine peerMachine;
    /** Whether this node said its Hello; until it has, the peer's waits in {@link #heldHello}. */
    private boolean saidHello;
    private Hello heldHello;
    private PeerConnection connection;
    private ScheduledFuture<?> helloDeadline;
    private String closeReason = "the connection closed";
    /** Whether the peer refused this machine as the node: the dial fails with a {@link PeerRefusedException} then. */
    private boolean refusesThisMachine;
    private boolean settled;

    ConnectionHandler(Link link, boolean outbound, Hello localHello, ConnectionRegistry registry, StreamDispatcher dispatcher,
            Successions successions, Pacing pacing, Executor callbacks, Clock clock, Duration helloTimeout,
            CompletableFuture<ConnectedPeer> connected) {
        this.link = link;
        this.outbound = outbound;
        this.localHello = localHello;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.successions = successions;
        this.pacing = pacing;
        this.callbacks = callbacks;
        this.clock = clock;
        this.helloTimeout = helloTimeout;
        this.connected = connected;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof Link.PeerAuthenticated authenticated) {
            Optional<String> retired = successions.retired();
            if (retired.isPresent()) {
                context.writeAndFlush(Frame.text(FrameType.GOAWAY, 0, retired.get()))
                        .addListener(sent -> close(context, retired.get()));
                return;
            }
            Authorization admission = dispatcher.admit(authenticated.peer());
            if (!admission.allowed()) {
                close(context, authenticated.peer().shortForm() + " may not connect: " + admission.reason());
                return;
            }
            peerId = authenticated.peer();
            OptionalInt newer = successions.newerThan(peerId, authenticated.succession());
            if (newer.isPresent()) {
                String reason = peerId.shortForm() + " speaks from machine " + authenticated.succession()
                        + " of its identity, which machine " + newer.getAsInt() + " took the place of";
                context.writeAndFlush(Superseded.frame(newer.getAsInt())).addListener(sent -> close(context, reason));
                return;
            }
            peerMachine = new Machine(authenticated.succession(), authenticated.run());
            Optional<PeerConnection> first = registry.twinOf(peerId, peerMachine);
            if (first.isPresent()) {
                admitIfSilent(context, first.get());
            } else {
                sayHello(context);
            }
        } else if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                context.writeAndFlush(Frame.of(FrameType.PING, 0));
            } else if (idle.state() == IdleState.READER_IDLE) {
                close(context, "the peer stopped answering");
            }
        }
        super.userEventTriggered(context, event);
    }

    private void sayHello(ChannelHandlerContext context) {
        saidHello = true;
        context.writeAndFlush(new Frame(FrameType.HELLO, 0, localHello.encode()));
        helloDeadline = context.executor().schedule(
                () -> close(context, "no Hello within " + helloTimeout.toSeconds() + " s"),
                helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (heldHello != null) {
            startConnection(context, heldHello);
        }
    }

    /**
     * Another start of the peer is connected already: if it still answers, two machines run as the peer (a data directory
     * copied, a virtual machine cloned), and the one connected first keeps it while the other is refused, both told why;
     * if not, this is most likely the same machine started again, and this connection takes the silent one's place.
     */
    private void admitIfSilent(ChannelHandlerContext context, PeerConnection first) {
        first.answers().orTimeout(STILL_THERE.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((answered, gone) -> {
            if (!context.channel().isActive()) {
                return;
            }
            if (gone != null) {
                sayHello(context);
                return;
            }
            PeerAddress here = link.peerAddress(context.channel(), outbound, heldHello == null ? 0 : heldHello.listenPort());
            first.twinRefused(here);
            registry.twinRefused(new TwinRefused(peerId, first.address(), here, clock.instant()));
            String reason = peerId.shortForm() + " runs on two machines at once; keeping the one connected first, at "
                    + first.address().shown() + ", and refusing this one, at " + here.shown();
            context.writeAndFlush(new Twin(true, first.address()).frame()).addListener(sent -> close(context, reason));
        }, context.executor());
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        Frame frame = (Frame) message;
        if (frame.type() == FrameType.SUPERSEDED) {
            superseded(context, Superseded.succession(frame));
        } else if (frame.type() == FrameType.TWIN) {
            twin(context, Twin.of(frame));
        } else if (connection == null && frame.type() == FrameType.GOAWAY) {
            close(context, (peerId == null ? "the peer" : peerId.shortForm()) + " hung up: " + reasonIn(frame));
        } else if (connection == null && peerId != null && !saidHello) {
            hold(frame);
        } else if (connection == null) {
            startConnection(context, helloIn(frame));
        } else if (frame.type() == FrameType.NAME) {
            registry.renamed(connection, connection.renamed(Hello.name(frame.payload())));
        } else {
            connection.receive(frame);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (connection != null) {
            connection.readComplete();
        }
        context.fireChannelReadComplete();
    }

    /** The peer's Hello came while this node looks whether another start of the peer still answers. */
    private void hold(Frame frame) {
        if (heldHello != null) {
            throw new ProtocolViolation("expected one Hello first, got " + frame.type());
        }
        heldHello = helloIn(frame);
    }

    /** The reason a frame gives, as the peer wrote it, in one line of at most {@link #MAX_REASON} characters. */
    private static String reasonIn(Frame frame) {
        String reason = frame.payloadText().replaceAll("\\p{Cntrl}", " ").strip();
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
    }

    private static Hello helloIn(Frame frame) {
        if (frame.type() != FrameType.HELLO) {
            throw new ProtocolViolation("expected a Hello first, got " + frame.type());
        }
        Hello hello = Hello.decode(frame.payload());
        if (hello.version() != Hello.VERSION) {
            throw new ProtocolViolation("the peer speaks wire version " + hello.version() + ", this node " + Hello.VERSION);
        }
        return hello;
    }

    private void startConnection(ChannelHandlerContext context, Hello hello) {
        if (peerId == null) {
            throw new ProtocolViolation("a Hello before the peer proved who it is");
        }
        helloDeadline.cancel(false);
        PeerAddress address = link.peerAddress(context.channel(), outbound, hello.listenPort());
        ConnectedPeer peer = new ConnectedPeer(peerId, hello.displayName(), address, !outbound, clock.instant(), link.relay());
        PeerConnection candidate = new PeerConnection(peer, peerMachine, outbound, hello,
                new ChannelSender(context.channel()), () -> context.close(), dispatcher, pacing, callbacks);
        connection = candidate;
        LOG.log(Level.INFO, "Connected with {0} ({1}) at {2}, {3}", peer.id().shortForm(), peer.displayName(), address,
                (outbound ? "dialed" : "incoming") + link.relay().map(relay -> ", relayed by " + relay.shortForm()).orElse(""));
        // Settle the dial before registering: if this connection loses to a simultaneous one, closing
        // it must not fail the dial, which succeeded through the winner.
        CompletableFuture<PeerConnection> winner = new CompletableFuture<>();
        settled = true;
        winner.thenAcceptAsync(live -> connected.complete(live.peer()), callbacks);
        winner.complete(registry.register(candidate));
    }

    /** The peer refuses this machine: it saw this node's identity on machine {@code succession}, which took its place. */
    private void superseded(ChannelHandlerContext context, int succession) {
        if (!successions.supersedesThisMachine(succession)) {
            throw new ProtocolViolation("machine " + succession + " of this node's identity is no newer than this one, "
                    + successions.own());
        }
        refused(context, (peerId == null ? "the peer" : peerId.shortForm()) + " refuses this machine: this node's identity runs on"
                + " another machine now, one that took its place from a backup (machine " + succession + "; this is machine "
                + successions.own() + ")");
    }

    /** The peer met this node's identity on another machine too, running at the same time, and refused one of the two. */
    private void twin(ChannelHandlerContext context, Twin twin) {
        if (peerId == null || twin.receiverRefused() == (connection != null)) {
            throw new ProtocolViolation("a " + FrameType.TWIN + " frame out of place");
        }
        registry.twinSeen(new TwinSeen(peerId, twin.other(), twin.receiverRefused(), clock.instant()));
        if (twin.receiverRefused()) {
            refused(context, peerId.shortForm() + " refuses this machine: another machine runs as this node right now, connected"
                    + " to it from " + twin.other().shown());
        } else {
            LOG.log(Level.WARNING, "{0} refused another machine running as this node right now, at {1}", peerId.shortForm(),
                    twin.other().shown());
        }
    }

    /**
     * The peer refuses this machine as the node: a dial fails with a {@link PeerRefusedException}, and a connection the peer
     * dialed counts as a dial refused, so that this machine's state says so either way.
     */
    private void refused(ChannelHandlerContext context, String reason) {
        refusesThisMachine = true;
        if (!outbound && peerId != null) {
            registry.dialFailed(peerId, new DialProblem("Could not connect: " + reason + ".", true, clock.instant()));
        }
        close(context, reason);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        close(context, describe(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (helloDeadline != null) {
            helloDeadline.cancel(false);
        }
        if (connection != null) {
            connection.closed(closeReason);
            registry.unregister(connection, closeReason);
            LOG.log(Level.INFO, "Disconnected from {0}: {1}", connection.peerId().shortForm(), closeReason);
        }
        if (!settled) {
            String why = "Could not connect: " + closeReason + ".";
            TransportException failure = refusesThisMachine ? new PeerRefusedException(why) : new TransportException(why);
            callbacks.execute(() -> connected.completeExceptionally(failure));
        }
        super.channelInactive(context);
    }

    private void close(ChannelHandlerContext context, String reason) {
        if (context.channel().isActive() || context.channel().isOpen()) {
            closeReason = reason;
            String peer = connection == null ? String.valueOf(context.channel().remoteAddress())
                    : connection.peerId().shortForm();
            LOG.log(Level.INFO, "Closing the connection with {0}: {1}", peer, reason);
        }
        context.close();
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root instanceof DecoderException && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof TooLongFrameException) {
            return "the peer sent a frame over the maximum size of " + FrameCodec.MAX_PAYLOAD + " bytes";
        }
        if (root instanceof ProtocolViolation || root instanceof CorruptedFrameException) {
            return "the peer broke the protocol: " + root.getMessage();
        }
        if (root instanceof TransportException) {
            return root.getMessage();
        }
        if (root instanceof ConnectTimeoutException) {
            return "no answer in time; the machine may be off, or a firewall in the way";
        }
        if (root instanceof ConnectException) {
            return "nothing listens there; is Peerdesk running on that machine, at that port?";
        }
        if (root instanceof UnknownHostException) {
            return "no machine is known by that name";
        }
        if (root instanceof SSLException ssl) {
            Throwable certificate = ssl;
            while (certificate.getCause() != null) {
                certificate = certificate.getCause();
            }
            return certificate.getMessage() == null ? ssl.getMessage() : certificate.getMessage();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
