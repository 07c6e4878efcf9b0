package org.peerdesk.transport.netty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RefusalCode;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;
import org.peerdesk.transport.TransportException;

/**
 * The streams of one authenticated connection: opens them, routes each frame to its stream, and
 * hands streams that the peer opens to the {@link StreamDispatcher}. Frames arrive on the network
 * thread; {@link #open} and the streams are used from application threads.
 */
final class PeerConnection {

    private static final Logger LOG = System.getLogger(PeerConnection.class.getName());

    /** Streams the peer may have open at once on one connection (each may buffer a window of data). */
    static final int MAX_STREAMS = 64;

    /** Replaced when the peer renames itself; written on the network thread only. */
    private volatile ConnectedPeer peer;
    private final Machine machine;
    private final boolean outbound;
    /** What the peer's Hello says it takes. */
    private final Hello peerHello;
    private final FrameSender sender;
    private final Runnable closer;
    private final StreamDispatcher dispatcher;
    private final Executor callbacks;
    private final Pacing pacing;
    private final ConnectionWindow window = new ConnectionWindow();
    private final Map<Integer, MultiplexedStream> streams = new ConcurrentHashMap<>();
    /** Streams that got DATA in the network thread's current read, their readers not woken yet. Network thread only. */
    private final List<MultiplexedStream> unwoken = new ArrayList<>();
    private final Map<Integer, PendingOpen> pending = new ConcurrentHashMap<>();
    /** Pings sent by {@link #answers()}, by their payload. */
    private final Map<Long, CompletableFuture<Void>> probes = new ConcurrentHashMap<>();
    private final AtomicInteger nextStream;

    private record PendingOpen(ProtocolId protocol, CompletableFuture<Stream> result) {
    }

    PeerConnection(ConnectedPeer peer, Machine machine, boolean outbound, Hello peerHello, FrameSender sender, Runnable closer,
            StreamDispatcher dispatcher, Pacing pacing, Executor callbacks) {
        this.peer = peer;
        this.machine = machine;
        this.outbound = outbound;
        this.peerHello = peerHello;
        this.sender = sender;
        this.closer = closer;
        this.dispatcher = dispatcher;
        this.callbacks = callbacks;
        this.pacing = pacing;
        this.nextStream = new AtomicInteger(outbound ? 1 : 2); // odd from the dialer, even from the listener
    }

    ConnectedPeer peer() {
        return peer;
    }

    PeerId peerId() {
        return peer.id();
    }

    Machine machine() {
        return machine;
    }

    int succession() {
        return machine.succession();
    }

    PeerAddress address() {
        return peer.address();
    }

    boolean outbound() {
        return outbound;
    }

    Instant since() {
        return peer.since();
    }

    /** Tells the peer this node's new name, if its Hello said it takes one (older peers learn it when they reconnect). */
    void announceName(String name) {
        if (peerHello.takesNames()) {
            sender.send(new Frame(FrameType.NAME, 0, Hello.nameBytes(name)));
        }
    }

    /** The peer is called {@code name} now; returns the peer as it is from now on. Network thread only. */
    ConnectedPeer renamed(String name) {
        ConnectedPeer now = new ConnectedPeer(peer.id(), name, peer.address(), peer.inbound(), peer.since());
        peer = now;
        return now;
    }

    CompletableFuture<Stream> open(ProtocolId protocol) {
        int id = nextStream.getAndAdd(2);
        CompletableFuture<Stream> result = new CompletableFuture<>();
        pending.put(id, new PendingOpen(protocol, result));
        sender.send(Frame.text(FrameType.OPEN, id, protocol.value()));
        return result;
    }

    /** Registers a stream the peer opened and that this node accepts, and tells the peer. */
    MultiplexedStream accept(int id, ProtocolId protocol) {
        MultiplexedStream stream = newStream(id, protocol);
        sender.send(Frame.of(FrameType.ACCEPT, id));
        return stream;
    }

    void refuse(int id, RefusalCode code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        sender.send(new Frame(FrameType.REFUSE, id,
                ByteBuffer.allocate(2 + Math.min(text.length, 512)).putShort((short) code.code())
                        .put(text, 0, Math.min(text.length, 512)).array()));
    }

    private MultiplexedStream newStream(int id, ProtocolId protocol) {
        MultiplexedStream stream = new MultiplexedStream(id, peer.id(), protocol, sender, window, pacing,
                () -> streams.remove(id));
        streams.put(id, stream);
        return stream;
    }

    /** Handles one frame from the peer, but for those the connection handler takes; called on the network thread. */
    void receive(Frame frame) {
        int id = frame.stream();
        switch (frame.type()) {
            case OPEN -> receiveOpen(frame);
            case ACCEPT -> {
                PendingOpen open = pending.remove(id);
                if (open == null) {
                    throw new ProtocolViolation("ACCEPT for stream " + id + ", which this node did not open");
                }
                MultiplexedStream stream = newStream(id, open.protocol());
                callbacks.execute(() -> open.result().complete(stream));
            }
            case REFUSE -> {
                PendingOpen open = pending.remove(id);
                if (open == null) {
                    throw new ProtocolViolation("REFUSE for stream " + id + ", which this node did not open");
                }
                ByteBuffer payload = ByteBuffer.wrap(frame.payload());
                RefusalCode code = RefusalCode.of(payload.remaining() >= 2 ? payload.getShort() : -1);
                String reason = StandardCharsets.UTF_8.decode(payload).toString();
                callbacks.execute(() -> open.result().completeExceptionally(
                        new StreamRefusedException(open.protocol(), code, reason)));
            }
            case DATA -> receiveData(id, frame.payload());
            case WINDOW -> {
                if (frame.payload().length != 4) {
                    throw new ProtocolViolation("WINDOW frame of " + frame.payload().length + " bytes");
                }
                int increment = ByteBuffer.wrap(frame.payload()).getInt();
                if (id == 0) {
                    window.granted(increment);
                } else {
                    withStream(id, stream -> stream.receiveWindow(increment));
                }
            }
            case FIN -> withStream(id, MultiplexedStream::receiveFin);
            case RESET -> withStream(id, stream -> stream.abort("reset by the peer"));
            case PING -> sender.send(new Frame(FrameType.PONG, 0, frame.payload()));
            case PONG -> answered(frame.payload()); // any frame counts as a sign of life for the idle timeout
            case GOAWAY -> {
                LOG.log(Level.INFO, "{0} is closing the connection: {1}", peer.id().shortForm(), frame.payloadText());
                closer.run();
            }
            case HELLO -> throw new ProtocolViolation("a second Hello");
            case NAME, SUPERSEDED, TWIN -> throw new IllegalStateException(frame.type() + " frames are the connection handler's");
        }
    }

    private void receiveOpen(Frame frame) {
        int id = frame.stream();
        if ((id % 2 == 1) == outbound || id <= 0 || streams.containsKey(id)) {
            throw new ProtocolViolation("the peer opened stream " + id + ", which is not its to open");
        }
        ProtocolId protocol;
        try {
            protocol = ProtocolId.of(frame.payloadText());
        } catch (IllegalArgumentException e) {
            refuse(id, RefusalCode.PROTOCOL_ERROR, "not a protocol ID");
            return;
        }
        if (streams.size() >= MAX_STREAMS) {
            refuse(id, RefusalCode.TOO_MANY_STREAMS, MAX_STREAMS + " streams are open");
            return;
        }
        dispatcher.dispatch(this, id, protocol);
    }

    /**
     * The network thread has read all it could for now: the readers of the streams that got data
     * since wake up, once for however many frames came (a small message of a conversation woke its
     * reader as it came).
     */
    void readComplete() {
        for (MultiplexedStream stream : unwoken) {
            stream.wakeReaders();
        }
        unwoken.clear();
    }

    /**
     * Counts DATA against the connection's window and hands it to its stream; data for a stream closed
     * here a moment ago is dropped, but still granted back. A small message of a conversation wakes
     * its reader at once, a transfer's at the end of the read.
     */
    private void receiveData(int id, byte[] data) {
        long now = System.nanoTime();
        MultiplexedStream stream = streams.get(id);
        boolean conversation = stream != null && stream.conversation(data.length, now);
        grantConnectionWindow(window.received(data.length, conversation, now));
        if (stream == null) {
            return;
        }
        stream.receiveData(data, conversation);
        if (!conversation && !unwoken.contains(stream)) {
            unwoken.add(stream);
        }
    }

    private void grantConnectionWindow(int bytes) {
        if (bytes > 0) {
            sender.send(new Frame(FrameType.WINDOW, 0, ByteBuffer.allocate(4).putInt(bytes).array()));
        }
    }

    private void withStream(int id, java.util.function.Consumer<MultiplexedStream> action) {
        MultiplexedStream stream = streams.get(id);
        if (stream != null) {
            action.accept(stream); // frames for a stream closed here a moment ago are dropped
        }
    }

    /** The connection is gone: every stream and every pending open fails with {@code reason}. */
    void closed(String reason) {
        window.close(reason);
        streams.values().forEach(stream -> stream.connectionClosed(reason));
        streams.clear();
        pending.values().forEach(open -> callbacks.execute(() -> open.result().completeExceptionally(
                new TransportException("The connection with " + peer.id().shortForm() + " closed: " + reason))));
        pending.clear();
        probes.values().forEach(probe -> callbacks.execute(() -> probe.completeExceptionally(
                new TransportException("The connection with " + peer.id().shortForm() + " closed: " + reason))));
        probes.clear();
    }

    /** Pings the peer; completes when it answers that ping. The caller times it out. */
    CompletableFuture<Void> answers() {
        long nonce = ThreadLocalRandom.current().nextLong();
        CompletableFuture<Void> answer = new CompletableFuture<>();
        probes.put(nonce, answer);
        answer.whenComplete((done, failure) -> probes.remove(nonce));
        sender.send(new Frame(FrameType.PING, 0, ByteBuffer.allocate(Long.BYTES).putLong(nonce).array()));
        return answer;
    }

    private void answered(byte[] payload) {
        if (payload.length == Long.BYTES) {
            CompletableFuture<Void> probe = probes.remove(ByteBuffer.wrap(payload).getLong());
            if (probe != null) {
                callbacks.execute(() -> probe.complete(null));
            }
        }
    }

    /** Tells the peer, if its Hello says it takes that, that another machine at {@code other} tried to connect as it: refused. */
    void twinRefused(PeerAddress other) {
        if (peerHello.takesTwins()) {
            sender.send(new Twin(false, other).frame());
        }
    }

    void goAway(String reason) {
        sender.send(Frame.text(FrameType.GOAWAY, 0, reason));
        closer.run();
    }

    /** Tells the peer that its identity runs on machine {@code newer} now, which took the place of this one's, and closes. */
    void supersede(int newer) {
        sender.send(Superseded.frame(newer));
        closer.run();
    }

    int openStreams() {
        return streams.size();
    }
}
