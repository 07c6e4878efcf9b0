package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;

/**
 * The connection's own flow control: what all streams together may have on the wire, granted back
 * as the peer takes frames in, whether or not their stream still exists; shallow while small
 * messages flow, deep for bulk transfers alone.
 */
@Timeout(20)
class ConnectionWindowTest {

    private static final int FRAME = MultiplexedStream.MAX_DATA;
    private static final long MILLI = 1_000_000;

    private final ConnectionWindow window = new ConnectionWindow();
    private long granted;
    private long received;

    @Test
    void aSenderWaitsOnceTheWindowIsSpentAndGoesOnWhenThePeerGrants() throws Exception {
        window.acquire(ConnectionWindow.SHALLOW - 10);
        window.acquire(10);
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> acquire(100));
        Thread.sleep(200);
        assertFalse(next.isDone());
        window.granted(99);
        Thread.sleep(100);
        assertFalse(next.isDone(), "a frame waits until all of it fits");
        window.granted(1);
        next.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBulkTransferAloneMayFillTheDeepWindowAndIsGrantedInBatches() {
        for (int i = 0; i < 200; i++) {
            receive(FRAME, false, i * MILLI);
            long inFlightAllowed = ConnectionWindow.SHALLOW + granted - received;
            assertTrue(inFlightAllowed <= ConnectionWindow.DEEP, "never more than the deep window: " + inFlightAllowed);
            assertTrue(inFlightAllowed >= ConnectionWindow.DEEP * 3 / 4 - FRAME, "never starved: " + inFlightAllowed);
        }
    }

    @Test
    void whileSmallMessagesFlowTheWindowStaysShallowAndDeepensOnceTheyStop() {
        receive(FRAME, false, 0); // a transfer alone: deep
        receive(64, true, MILLI); // a conversation starts: no more grants until the queue is shallow
        long grantedBefore = granted;
        while (ConnectionWindow.SHALLOW + granted - received - FRAME > ConnectionWindow.SHALLOW * 3 / 4) {
            receive(FRAME, false, 2 * MILLI);
            assertEquals(grantedBefore, granted, "nothing granted while the queue is deeper than shallow");
        }
        for (int i = 0; i < 50; i++) {
            receive(FRAME, false, 3 * MILLI);
            assertTrue(ConnectionWindow.SHALLOW + granted - received <= ConnectionWindow.SHALLOW);
        }
        receive(FRAME, false, MILLI + ConnectionWindow.QUIET_NANOS);
        assertEquals(ConnectionWindow.DEEP, ConnectionWindow.SHALLOW + granted - received, "quiet again: deep");
    }

    @Test
    void aPeerThatSendsPastTheConnectionWindowBreaksTheProtocol() {
        receive(64, true, 0);
        assertThrows(ProtocolViolation.class, () -> window.received(ConnectionWindow.SHALLOW - 64 + 1, true, 1));
        window.received(ConnectionWindow.SHALLOW - 64, true, 1);
    }

    @Test
    void aGrantOfNothingOrBeyondAnyWindowBreaksTheProtocol() {
        assertThrows(ProtocolViolation.class, () -> window.granted(0));
        assertThrows(ProtocolViolation.class, () -> window.granted(-5));
        assertThrows(ProtocolViolation.class, () -> window.granted(Integer.MAX_VALUE));
    }

    @Test
    void closingWakesAWaitingSenderWithAnError() throws Exception {
        window.acquire(ConnectionWindow.SHALLOW);
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> acquire(1));
        Thread.sleep(100);
        window.close("the peer went away");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> next.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("the peer went away"), failure.getCause().getMessage());
    }

    @Test
    void aStreamOfSmallFramesIsAConversationUntilItCarriesALargeOne() {
        MultiplexedStream stream = new MultiplexedStream(1, new PeerId(new byte[32]), ProtocolId.of("/test/x/1"),
                frame -> { }, window, Pacing.unlimited(), () -> { });
        assertTrue(stream.conversation(64, 0));
        assertFalse(stream.conversation(FRAME, MILLI));
        assertFalse(stream.conversation(64, 2 * MILLI), "the last frame of a transfer is no conversation");
        assertTrue(stream.conversation(64, MILLI + ConnectionWindow.QUIET_NANOS));
    }

    @Test
    void dataForAStreamThatIsGoneIsStillGrantedBackOnStreamZero() {
        List<Frame> sent = new CopyOnWriteArrayList<>();
        ConnectedPeer peer = new ConnectedPeer(new PeerId(new byte[32]), "peer", new PeerAddress("127.0.0.1", 22070),
                false, Instant.now());
        PeerConnection connection = new PeerConnection(peer, new Machine(0, 0), true, new Hello(Hello.VERSION, Hello.CAPABILITIES, 0, "peer"),
                sent::add, () -> { }, null, Pacing.unlimited(), Runnable::run);
        connection.receive(new Frame(FrameType.DATA, 7, new byte[1024]));
        assertEquals(1, sent.size());
        assertEquals(FrameType.WINDOW, sent.get(0).type());
        assertEquals(0, sent.get(0).stream());
        assertEquals(ConnectionWindow.DEEP - ConnectionWindow.SHALLOW + 1024, ByteBuffer.wrap(sent.get(0).payload()).getInt());
    }

    private void receive(int bytes, boolean conversation, long now) {
        granted += window.received(bytes, conversation, now);
        received += bytes;
    }

    private void acquire(int bytes) {
        try {
            window.acquire(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
