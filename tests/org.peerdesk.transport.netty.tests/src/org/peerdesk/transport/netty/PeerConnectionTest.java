package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;

/** How frames from the network thread reach the readers of a connection's streams. */
@Timeout(20)
class PeerConnectionTest {

    private static final ProtocolId PROTOCOL = ProtocolId.of("/test/x/1");

    private final List<Frame> sent = new CopyOnWriteArrayList<>();
    private final PeerConnection connection = connection(Hello.CAPABILITIES);

    /** One with a peer whose Hello says it takes {@code capabilities}. */
    private PeerConnection connection(int capabilities) {
        return new PeerConnection(new ConnectedPeer(new PeerId(new byte[32]), "peer", new PeerAddress("127.0.0.1", 22070), false,
                Instant.now()), new Machine(0, 0), true, new Hello(Hello.VERSION, capabilities, 0, "peer"), sent::add, () -> { },
                null, Pacing.unlimited(), Runnable::run);
    }

    @Test
    void aNewNameGoesOnlyToAPeerWhoseHelloSaidItTakesOne() {
        connection.announceName("Ana's laptop");
        assertEquals(List.of(FrameType.NAME), sent.stream().map(Frame::type).toList());
        assertEquals("Ana's laptop", Hello.name(sent.get(0).payload()));

        connection(0).announceName("Ana's desktop");
        assertEquals(1, sent.size(), "an older peer learns the name when it reconnects");
    }

    @Test
    void aPeerAnswersAProbeOnlyWithThePongOfItsOwnPingAndAClosedConnectionNeverDoes() {
        CompletableFuture<Void> probe = connection.answers();
        Frame ping = sent.get(0);
        assertEquals(List.of(FrameType.PING, 0), List.of(ping.type(), ping.stream()));

        connection.receive(Frame.of(FrameType.PONG, 0)); // a keepalive's answer
        connection.receive(new Frame(FrameType.PONG, 0, new byte[Long.BYTES])); // another probe's
        assertFalse(probe.isDone(), "only the answer to this probe's ping counts");
        connection.receive(new Frame(FrameType.PONG, 0, ping.payload()));
        assertTrue(probe.isDone() && !probe.isCompletedExceptionally());

        CompletableFuture<Void> unanswered = connection.answers();
        connection.closed("the peer went away");
        assertTrue(unanswered.isCompletedExceptionally());
    }

    @Test
    void aMachineKeptIsToldOfItsTwinOnlyIfItsHelloSaysItTakesThat() {
        connection.twinRefused(new PeerAddress("10.0.0.7", 22070));
        assertEquals(List.of(FrameType.TWIN), sent.stream().map(Frame::type).toList());
        assertEquals(new Twin(false, new PeerAddress("10.0.0.7", 22070)), Twin.of(sent.get(0)));

        connection(Hello.NAMES).twinRefused(new PeerAddress("10.0.0.7", 22070));
        assertEquals(1, sent.size(), "an older peer would take the frame for a broken protocol");
    }

    @Test
    void aSmallMessageWakesItsReaderAtOnceAndATransferWhenTheNetworkThreadEndsItsRead() throws Exception {
        MultiplexedStream chat = connection.accept(2, PROTOCOL);
        MultiplexedStream transfer = connection.accept(4, PROTOCOL);

        CompletableFuture<Integer> chatRead = readAsync(chat.input(), 64);
        connection.receive(new Frame(FrameType.DATA, 2, new byte[64]));
        assertEquals(64, chatRead.get(5, TimeUnit.SECONDS));

        CompletableFuture<Integer> transferRead = readAsync(transfer.input(), MultiplexedStream.MAX_DATA);
        connection.receive(new Frame(FrameType.DATA, 4, new byte[MultiplexedStream.MAX_DATA]));
        connection.receive(new Frame(FrameType.DATA, 4, new byte[MultiplexedStream.MAX_DATA]));
        connection.readComplete();
        assertEquals(MultiplexedStream.MAX_DATA, transferRead.get(5, TimeUnit.SECONDS));
        assertEquals(MultiplexedStream.MAX_DATA, transfer.input().read(new byte[MultiplexedStream.MAX_DATA]));
    }

    private static CompletableFuture<Integer> readAsync(InputStream in, int bytes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.readNBytes(new byte[bytes], 0, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
