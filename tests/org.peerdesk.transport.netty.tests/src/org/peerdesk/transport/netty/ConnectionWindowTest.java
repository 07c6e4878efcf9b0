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

/**
 * The connection's own flow control: what all streams together may have on the wire, granted back
 * as the peer takes frames in, whether or not their stream still exists.
 */
@Timeout(20)
class ConnectionWindowTest {

    private final ConnectionWindow window = new ConnectionWindow();

    @Test
    void aSenderWaitsOnceTheWindowIsSpentAndGoesOnWhenThePeerGrants() throws Exception {
        window.acquire(ConnectionWindow.SIZE - 10);
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
    void theReceiverGrantsInBatchesAndKeepsTheWholeWindowGranted() {
        int frame = MultiplexedStream.MAX_DATA;
        int granted = 0;
        for (int i = 0; i < 3 * ConnectionWindow.SIZE / frame; i++) {
            int grant = window.received(frame);
            assertTrue(grant == 0 || grant >= ConnectionWindow.GRANT_AT, "no grant for every frame: " + grant);
            granted += grant;
        }
        assertEquals(3 * ConnectionWindow.SIZE, granted, "every byte received is granted back");
    }

    @Test
    void aPeerThatSendsPastTheConnectionWindowBreaksTheProtocol() {
        assertEquals(0, window.received(ConnectionWindow.GRANT_AT - 1), "too little to grant back yet");
        int left = ConnectionWindow.SIZE - (ConnectionWindow.GRANT_AT - 1);
        assertThrows(ProtocolViolation.class, () -> window.received(left + 1));
        assertTrue(window.received(left) > 0, "exactly the window is fine");
    }

    @Test
    void aGrantOfNothingOrBeyondAnyWindowBreaksTheProtocol() {
        assertThrows(ProtocolViolation.class, () -> window.granted(0));
        assertThrows(ProtocolViolation.class, () -> window.granted(-5));
        assertThrows(ProtocolViolation.class, () -> window.granted(Integer.MAX_VALUE));
    }

    @Test
    void closingWakesAWaitingSenderWithAnError() throws Exception {
        window.acquire(ConnectionWindow.SIZE);
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> acquire(1));
        Thread.sleep(100);
        window.close("the peer went away");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> next.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("the peer went away"), failure.getCause().getMessage());
    }

    @Test
    void dataForAStreamThatIsGoneIsStillGrantedBackOnStreamZero() {
        List<Frame> sent = new CopyOnWriteArrayList<>();
        ConnectedPeer peer = new ConnectedPeer(new PeerId(new byte[32]), "peer", new PeerAddress("127.0.0.1", 22070),
                false, Instant.now());
        PeerConnection connection = new PeerConnection(peer, true, sent::add, () -> { }, null, Runnable::run);
        for (int i = 0; i < ConnectionWindow.GRANT_AT / 1024; i++) {
            connection.receive(new Frame(FrameType.DATA, 7, new byte[1024]));
        }
        assertEquals(1, sent.size());
        assertEquals(FrameType.WINDOW, sent.get(0).type());
        assertEquals(0, sent.get(0).stream());
        assertEquals(ConnectionWindow.GRANT_AT, ByteBuffer.wrap(sent.get(0).payload()).getInt());
    }

    private void acquire(int bytes) {
        try {
            window.acquire(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
