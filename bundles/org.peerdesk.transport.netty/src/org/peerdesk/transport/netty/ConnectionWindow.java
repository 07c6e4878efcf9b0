package org.peerdesk.transport.netty;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Flow control of a whole connection, both ways: how many bytes of DATA, over all streams, may be
 * on their way to the peer before it has taken them off the wire and handed them to their streams.
 * <p>
 * Each stream's window bounds what waits for that stream's reader. This bounds what waits in front
 * of every stream's next frame: frames on one connection arrive in order, so a small message on
 * one stream queues behind every byte of a bulk transfer already in the socket buffers. The peer
 * grants bytes back as it receives them, not as its readers consume them, so a slow reader does
 * not hold up the other streams. Growing the window (for paths whose bandwidth times round trip
 * exceeds it) needs no change of protocol: the receiver grants more than it received.
 */
final class ConnectionWindow {

    /** Bytes each side may send before the first grant; also what the receiver keeps granted. */
    static final int SIZE = 512 * 1024;
    /** The receiver grants once this many bytes arrived: a frame of {@link MultiplexedStream#MAX_DATA} always fits. */
    static final int GRANT_AT = SIZE / 4;

    private long credit = SIZE;
    private long allowance = SIZE;
    private long ungranted;
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
            throw new IOException("The connection closed: " + closedReason);
        }
        credit -= bytes;
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
     * Counts DATA from the peer, whichever stream it is for, and says how many bytes to grant back
     * now (0 until {@link #GRANT_AT} have arrived since the last grant).
     */
    synchronized int received(int bytes) {
        if (bytes > allowance) {
            throw new ProtocolViolation("the peer sent " + bytes + " bytes of data with " + allowance
                    + " left in the connection's window");
        }
        allowance -= bytes;
        ungranted += bytes;
        if (ungranted < GRANT_AT) {
            return 0;
        }
        int grant = (int) ungranted;
        ungranted = 0;
        allowance += grant;
        return grant;
    }
}
