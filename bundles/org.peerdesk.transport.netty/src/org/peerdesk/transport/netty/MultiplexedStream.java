package org.peerdesk.transport.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectionClosedException;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * One stream over a shared connection, with flow control of its own: the receiver grants the
 * sender {@link #WINDOW} bytes, and grants more as the application reads, so a slow reader stops
 * only its own sender. The node's rate limits hold writers and readers back ({@link Throttle}).
 * Frames arrive on the network thread; the application reads and writes on its own threads, which
 * block on this stream's lock and never on the network thread.
 */
final class MultiplexedStream implements Stream {

    /** Bytes a sender may have in flight on one stream before the receiver grants more. */
    static final int WINDOW = 4 * 1024 * 1024;
    /**
     * Largest DATA payload; smaller than a frame's maximum so control frames are never far behind.
     * A full frame on the wire, length and header included, is four TLS records exactly (almost
     * 64 KiB). TLS encrypts a record at a time, and a record that takes the end of one frame and the
     * start of the next is copied together first. Full frames in a row are encrypted without a copy,
     * and a flush (the end of each write) starts the records afresh.
     */
    static final int MAX_DATA = 4 * TlsEngines.RECORD_DATA - FrameCodec.OVERHEAD;

    private final int id;
    private final PeerId peer;
    private final ProtocolId protocol;
    private final FrameSender sender;
    private final ConnectionWindow connectionWindow;
    private final Runnable onFinished;
    private final Throttle.Gate uploads;
    private final Throttle.Gate downloads;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> received = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private long consumedUnacknowledged;
    private boolean inputFinished;
    private long credit = WINDOW;
    private boolean outputFinished;
    private String resetReason;
    private boolean resetHere;
    /** The stream ended because its connection closed, not by a reset of either side. */
    private boolean connectionClosed;
    private boolean finishedReported;
    private long lastLargeFrame = Long.MIN_VALUE; // network thread only

    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    MultiplexedStream(int id, PeerId peer, ProtocolId protocol, FrameSender sender, ConnectionWindow connectionWindow,
            Pacing pacing, Runnable onFinished) {
        this.id = id;
        this.peer = peer;
        this.protocol = protocol;
        this.sender = sender;
        this.connectionWindow = connectionWindow;
        this.onFinished = onFinished;
        this.uploads = pacing.upload().gate();
        this.downloads = pacing.download().gate();
    }

    int id() {
        return id;
    }

    @Override
    public PeerId peer() {
        return peer;
    }

    @Override
    public ProtocolId protocol() {
        return protocol;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    // --- frames from the peer, on the network thread

    /** Whether a DATA frame of {@code bytes} arriving now is a small message of a conversation, not part of a transfer. */
    boolean conversation(int bytes, long nowNanos) {
        if (bytes > ConnectionWindow.SMALL_FRAME) {
            lastLargeFrame = nowNanos;
            return false;
        }
        return lastLargeFrame == Long.MIN_VALUE || nowNanos - lastLargeFrame >= ConnectionWindow.QUIET_NANOS;
    }

    /**
     * Takes a DATA frame in; wakes the readers now if {@code wake}, else they wake at the next
     * {@link #wakeReaders()}: for a transfer, once per batch of frames the network thread read.
     */
    void receiveData(byte[] data, boolean wake) {
        lock.lock();
        try {
            if (resetReason != null || inputFinished) {
                return; // in flight when we closed or reset; the peer learns from our FIN/RESET
            }
            if (buffered + data.length > WINDOW) {
                throw new ProtocolViolation("stream " + id + " got " + (buffered + data.length)
                        + " bytes, more than the window of " + WINDOW);
            }
            received.add(data);
            buffered += data.length;
            if (wake) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void wakeReaders() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void receiveWindow(int increment) {
        lock.lock();
        try {
            if (increment <= 0 || credit + increment > Integer.MAX_VALUE) {
                throw new ProtocolViolation("stream " + id + " got a window update of " + increment);
            }
            credit += increment;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void receiveFin() {
        lock.lock();
        try {
            inputFinished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        reportIfFinished();
    }

    /** The peer reset the stream. */
    void abort(String reason) {
        end(reason, false);
    }

    /** The connection under the stream is gone. */
    void connectionClosed(String reason) {
        end(reason, true);
    }

    private void end(String reason, boolean withConnection) {
        lock.lock();
        try {
            if (resetReason == null) {
                resetReason = reason;
                connectionClosed = withConnection;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        reportIfFinished();
    }

    // --- the application's side

    @Override
    public void reset() {
        boolean send;
        lock.lock();
        try {
            send = resetReason == null && !(inputFinished && outputFinished);
            resetHere = true;
            if (resetReason == null) {
                resetReason = "reset by this node";
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (send) {
            sender.send(Frame.of(FrameType.RESET, id));
        }
        reportIfFinished();
    }

    @Override
    public void close() {
        boolean unreadInput;
        lock.lock();
        try {
            unreadInput = !inputFinished && resetReason == null;
        } finally {
            lock.unlock();
        }
        finishOutput();
        if (unreadInput) {
            reset(); // after our FIN, so the peer still reads all we wrote; it may stop writing
        }
    }

    private void finishOutput() {
        boolean send;
        lock.lock();
        try {
            send = !outputFinished && resetReason == null;
            outputFinished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (send) {
            sender.send(Frame.of(FrameType.FIN, id));
        }
        reportIfFinished();
    }

    private void reportIfFinished() {
        lock.lock();
        try {
            if (finishedReported || !(resetReason != null || (inputFinished && outputFinished))) {
                return;
            }
            finishedReported = true;
        } finally {
            lock.unlock();
        }
        onFinished.run();
    }

    private int read(byte[] into, int offset, int length) throws IOException {
        int taken;
        int grant = 0;
        lock.lock();
        try {
            while (received.isEmpty() && !inputFinished && resetReason == null) {
                awaitChange();
            }
            // A reset from the peer after its FIN ends only our output: what it sent stays readable.
            if (resetReason != null && (resetHere || !inputFinished)) {
                throw endedError();
            }
            if (received.isEmpty()) {
                return -1;
            }
            taken = 0;
            while (taken < length && !received.isEmpty()) {
                byte[] head = received.peek();
                int n = Math.min(length - taken, head.length - headOffset);
                System.arraycopy(head, headOffset, into, offset + taken, n);
                taken += n;
                headOffset += n;
                if (headOffset == head.length) {
                    received.poll();
                    headOffset = 0;
                }
            }
            buffered -= taken;
            consumedUnacknowledged += taken;
            if (consumedUnacknowledged >= WINDOW / 2) {
                grant = (int) consumedUnacknowledged;
                consumedUnacknowledged = 0;
            }
        } finally {
            lock.unlock();
        }
        if (grant > 0) {
            sender.send(new Frame(FrameType.WINDOW, id, ByteBuffer.allocate(4).putInt(grant).array()));
        }
        downloads.through(taken, () -> { }); // a reader held back reads less, so the peer is granted less
        return taken;
    }

    /** Why reading or writing failed once the stream ended: its connection closed, or either side reset it. */
    private IOException endedError() {
        return connectionClosed ? new ConnectionClosedException("The stream's connection closed: " + resetReason)
                : new StreamClosedException(resetReason);
    }

    /**
     * Sends {@code length} bytes as DATA frames of up to {@link #MAX_DATA} bytes, flushed together
     * at the end, so that one write wakes the network thread once. Whatever is queued is flushed
     * before waiting for a window, since the peer grants more only for what reached it.
     */
    private void write(byte[] from, int offset, int length) throws IOException {
        try {
            int sent = 0;
            while (sent < length) {
                int n = takeCredit(length - sent);
                uploads.through(n, sender::flush);
                if (!connectionWindow.tryAcquire(n)) {
                    sender.flush();
                    connectionWindow.acquire(n);
                }
                sender.queue(new Frame(FrameType.DATA, id, Arrays.copyOfRange(from, offset + sent, offset + sent + n)));
                sent += n;
            }
        } finally {
            sender.flush();
        }
    }

    /** Waits until this stream may send, and takes up to {@code wanted} bytes of its window. */
    private int takeCredit(int wanted) throws IOException {
        lock.lock();
        try {
            if (credit == 0) {
                sender.flush();
            }
            while (credit == 0 && resetReason == null && !outputFinished) {
                awaitChange();
            }
            if (resetReason != null) {
                throw endedError();
            }
            if (outputFinished) {
                throw new IOException("The stream's output is closed");
            }
            int n = (int) Math.min(Math.min(credit, MAX_DATA), wanted);
            credit -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange() throws IOException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting on stream " + id);
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = MultiplexedStream.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, into.length);
            return length == 0 ? 0 : MultiplexedStream.this.read(into, offset, length);
        }

        /** The bytes that arrived and were not read yet: that many can be read without waiting. */
        @Override
        public int available() {
            lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, buffered);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            MultiplexedStream.this.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            MultiplexedStream.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] from, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, from.length);
            MultiplexedStream.this.write(from, offset, length);
        }

        /** Closing the output half-closes the stream: the peer reads to its end. */
        @Override
        public void close() {
            finishOutput();
        }
    }

    @Override
    public String toString() {
        return protocol + " stream " + id + " with " + peer.shortForm();
    }
}
