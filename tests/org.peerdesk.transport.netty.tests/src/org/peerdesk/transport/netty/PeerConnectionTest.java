package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    private final PeerConnection connection = connection(true);

    private PeerConnection connection(boolean peerTakesNames) {
        return new PeerConnection(new ConnectedPeer(new PeerId(new byte[32]), "peer", new PeerAddress("127.0.0.1", 22070), false,
                Instant.now()), 0, true, peerTakesNames, sent::add, () -> { }, null, Pacing.unlimited(), Runnable::run);
    }

    @Test
    void aNewNameGoesOnlyToAPeerWhoseHelloSaidItTakesOne() {
        connection.announceName("Ana's laptop");
        assertEquals(List.of(FrameType.NAME), sent.stream().map(Frame::type).toList());
        assertEquals("Ana's laptop", Hello.name(sent.get(0).payload()));

        connection(false).announceName("Ana's desktop");
        assertEquals(1, sent.size(), "an older peer learns the name when it reconnects");
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
