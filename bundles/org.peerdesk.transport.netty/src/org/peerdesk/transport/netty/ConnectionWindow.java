package org.peerdesk.transport.netty;

import java.io.IOException;
import java.io.InterruptedIOException;

import org.peerdesk.transport.ConnectionClosedException;

/**
 * Flow control of a whole connection, both ways: how many bytes of DATA, over all streams, may be
 * on their way to the peer before it has taken them off the wire and handed them to their streams.
 * <p>
 * Each stream's window bounds what waits for that stream's reader. This bounds what waits in front
 * of every stream's next frame: frames on one connection arrive in order, so a small message on
 * one stream queues behind every byte of a bulk transfer already in the socket buffers. The
 * receiver decides how deep that queue may be, and grants bytes back as frames arrive, not as
 * readers consume them, so a slow reader does not hold up the other streams. While some stream
 * carries small messages only (a conversation, not a transfer), it keeps the queue
 * {@link #SHALLOW}, so that they wait for little; otherwise {@link #DEEP}, so that bulk transfers
 * ride out the moments when a busy machine does not run the receiving thread.
 */
final class ConnectionWindow {

    /** Bytes each side may send before the first grant; the depth while small messages flow. */
    static final int SHALLOW = 512 * 1024;
    /** The depth while only bulk transfers flow. */
    static final int DEEP = 4 * 1024 * 1024;
    /** A DATA frame up to this size is a small message. */
    static final int SMALL_FRAME = 2048;
    /** How long a stream of small messages, and a bulk stream's last large frame, count. */
    static final long QUIET_NANOS = 200_000_000L;

    private long credit = SHALLOW;
    private long allowance = SHALLOW;
    private long lastConversation = Long.MIN_VALUE;
    private String closedReason;

    // --- sending

    /** Waits until {@code bytes} more may be sent, and takes them. */
    synchronized void acquire(int bytes) throws IOException {
        while (credit < bytes && closedReason == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the peer to take in data");
            }
        }
        if (closedReason != null) {
            throw new ConnectionClosedException("The connection closed: " + closedReason);
        }
        credit -= bytes;
    }

    /** Takes {@code bytes} if that many may be sent now; else takes nothing. */
    synchronized boolean tryAcquire(int bytes) {
        if (credit < bytes || closedReason != null) {
            return false;
        }
        credit -= bytes;
        return true;
    }

    /** The peer took in more: its WINDOW frame on stream 0. */
    synchronized void granted(int bytes) {
        if (bytes <= 0 || credit + bytes > Integer.MAX_VALUE) {
            throw new ProtocolViolation("the connection got a window update of " + bytes);
        }
        credit += bytes;
        notifyAll();
    }

    /** Wakes every sender that waits; they fail. */
    synchronized void close(String reason) {
        if (closedReason == null) {
            closedReason = reason;
        }
        notifyAll();
    }

    // --- receiving

    /**
     * Counts a DATA frame from the peer, whichever stream it is for, and says how many bytes to grant
     * back now: enough to let the peer have the window's depth on its way again, once that is at least
     * a quarter of it; else 0. {@code conversation} says the frame is a small message on a stream
     * that carried no large frame lately.
     */
    synchronized int received(int bytes, boolean conversation, long nowNanos) {
        if (bytes > allowance) {
            throw new ProtocolViolation("the peer sent " + bytes + " bytes of data with " + allowance
                    + " left in the connection's window");
        }
        allowance -= bytes;
        if (conversation) {
            lastConversation = nowNanos;
        }
        long depth = lastConversation != Long.MIN_VALUE && nowNanos - lastConversation < QUIET_NANOS ? SHALLOW : DEEP;
        if (depth - allowance < depth / 4) {
            return 0;
        }
        int grant = (int) (depth - allowance);
        allowance = depth;
        return grant;
    }
}
