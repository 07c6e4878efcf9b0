package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectionClosedException;
import org.peerdesk.transport.ProtocolId;

/** Flow control and stream state, with the frames collected in a list instead of a socket. */
@Timeout(20)
class MultiplexedStreamTest {

    private final List<Frame> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger finished = new AtomicInteger();
    private final ConnectionWindow connectionWindow = new ConnectionWindow();
    private final MultiplexedStream stream = new MultiplexedStream(1, new PeerId(new byte[32]),
            ProtocolId.of("/test/x/1"), sent::add, connectionWindow, Pacing.unlimited(), finished::incrementAndGet);

    MultiplexedStreamTest() {
        connectionWindow.granted(Integer.MAX_VALUE - ConnectionWindow.SHALLOW); // only the stream's window limits here
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) { // the class's timeout ends a wait that never ends
            Thread.sleep(5);
        }
    }

    private long dataSent() {
        return sent.stream().filter(f -> f.type() == FrameType.DATA).mapToLong(f -> f.payload().length).sum();
    }

    @Test
    void aWriterStopsAtTheWindowAndGoesOnWhenTheReaderGrantsMore() throws Exception {
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                stream.output().write(new byte[MultiplexedStream.WINDOW + 1000]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        waitUntil(() -> dataSent() == MultiplexedStream.WINDOW);
        Thread.sleep(100); // time to go further, which it must not without a grant
        assertFalse(writing.isDone());
        assertEquals(MultiplexedStream.WINDOW, dataSent());
        assertTrue(sent.stream().allMatch(f -> f.payload().length <= MultiplexedStream.MAX_DATA));
        stream.receiveWindow(1000);
        writing.get(5, TimeUnit.SECONDS);
        assertEquals(MultiplexedStream.WINDOW + 1000, dataSent());
    }

    @Test
    void theFramesOfOneWriteGoOutWithOneFlushAndAreFlushedBeforeAWaitForTheConnectionsWindow() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        FrameSender recording = new FrameSender() {
            @Override
            public void queue(Frame frame) {
                events.add(frame.type() + " " + frame.payload().length);
            }

            @Override
            public void flush() {
                events.add("flush");
            }
        };
        ConnectionWindow shallow = new ConnectionWindow();
        MultiplexedStream writer = new MultiplexedStream(1, new PeerId(new byte[32]), ProtocolId.of("/test/x/1"), recording,
                shallow, Pacing.unlimited(), () -> { });
        String full = "DATA " + MultiplexedStream.MAX_DATA;
        writer.output().write(new byte[3 * MultiplexedStream.MAX_DATA]);
        assertEquals(List.of(full, full, full, "flush"), events);

        events.clear();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                writer.output().write(new byte[ConnectionWindow.SHALLOW]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        waitUntil(() -> events.size() > 1 && events.get(events.size() - 1).equals("flush")); // what was queued went out before the wait
        Thread.sleep(100);
        assertFalse(writing.isDone(), "the connection's window is used up");
        assertEquals("flush", events.get(events.size() - 1), "nothing more went out meanwhile");
        shallow.granted(ConnectionWindow.SHALLOW);
        writing.get(5, TimeUnit.SECONDS);
        assertEquals("flush", events.get(events.size() - 1));
    }

    @Test
    void aReaderGrantsWindowAsItConsumes() throws Exception {
        byte[] half = new byte[MultiplexedStream.WINDOW / 2];
        stream.receiveData(half, true);
        assertEquals(half.length, stream.input().readNBytes(half.length).length);
        Frame grant = sent.stream().filter(f -> f.type() == FrameType.WINDOW).findFirst().orElseThrow();
        assertEquals(half.length, ByteBuffer.wrap(grant.payload()).getInt());
    }

    @Test
    void aPeerThatIgnoresTheWindowBreaksTheProtocol() {
        stream.receiveData(new byte[MultiplexedStream.WINDOW], true);
        assertThrows(ProtocolViolation.class, () -> stream.receiveData(new byte[1], true));
        assertThrows(ProtocolViolation.class, () -> stream.receiveWindow(-5));
    }

    @Test
    void dataThenFinReadsToTheEnd() throws Exception {
        stream.receiveData(new byte[] {1, 2}, true);
        stream.receiveData(new byte[] {3}, true);
        stream.receiveFin();
        assertArrayEquals(new byte[] {1, 2, 3}, stream.input().readAllBytes());
        assertEquals(-1, stream.input().read());
        stream.output().close();
        assertEquals(FrameType.FIN, sent.get(sent.size() - 1).type());
        assertEquals(1, finished.get(), "both directions done: the connection forgets the stream");
    }

    @Test
    void whatArrivedAndWasNotReadIsAvailable() throws Exception {
        assertEquals(0, stream.input().available());
        stream.receiveData(new byte[] {1, 2, 3}, true);
        stream.receiveData(new byte[] {4, 5}, true);
        assertEquals(5, stream.input().available());
        assertEquals(4, stream.input().read(new byte[4]));
        assertEquals(1, stream.input().available());
        stream.input().read();
        assertEquals(0, stream.input().available());
    }

    @Test
    void aResetWakesABlockedReaderWithAnError() throws Exception {
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.input().read();
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        Thread.sleep(100);
        stream.abort("reset by the peer");
        Exception error = assertThrows(Exception.class, () -> reading.get(5, TimeUnit.SECONDS));
        assertTrue(error.getMessage().contains("reset by the peer"), error.getMessage());
        assertTrue(StreamClosedException.endedTheStream(error), "told apart from a handler's own failure, however wrapped");
        assertThrows(StreamClosedException.class, () -> stream.output().write(1));
        assertFalse(StreamClosedException.endedTheStream(new IOException("disk full", new IllegalStateException())));
        assertEquals(1, finished.get());
    }

    @Test
    void aClosedConnectionEndsTheStreamAsAConnectionLossNotAReset() throws Exception {
        stream.connectionClosed("duplicate connection");
        IOException error = assertThrows(IOException.class, () -> stream.input().read());
        assertTrue(ConnectionClosedException.endedBy(new IllegalStateException(error)), "a user can tell it apart and open another: " + error);
        assertTrue(error.getMessage().contains("duplicate connection"), error.getMessage());
        assertTrue(StreamClosedException.endedTheStream(error), "its handler's end is no failure of the handler");
        assertThrows(ConnectionClosedException.class, () -> stream.output().write(1));
        stream.abort("reset by the peer");
        assertThrows(ConnectionClosedException.class, () -> stream.input().read(), "the first end is the one said");
    }

    @Test
    void aResetIsNoConnectionLoss() {
        stream.abort("reset by the peer");
        IOException error = assertThrows(IOException.class, () -> stream.input().read());
        assertFalse(ConnectionClosedException.endedBy(error), error.getMessage());
    }

    @Test
    void whatThePeerFinishedBeforeResettingIsStillRead() throws Exception {
        stream.receiveData(new byte[] {4, 2}, true);
        stream.receiveFin();
        stream.abort("reset by the peer");
        assertArrayEquals(new byte[] {4, 2}, stream.input().readAllBytes());
        assertThrows(IOException.class, () -> stream.output().write(1));
    }

    @Test
    void closingWithUnreadInputResetsTheStreamForThePeer() {
        stream.receiveData(new byte[] {1}, true);
        stream.close();
        assertEquals(FrameType.RESET, sent.get(sent.size() - 1).type());
        assertEquals(FrameType.FIN, sent.get(sent.size() - 2).type(), "FIN first: the peer reads what was written");
    }
}
