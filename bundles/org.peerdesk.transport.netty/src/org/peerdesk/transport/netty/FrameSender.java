package org.peerdesk.transport.netty;

/** Where a stream's outgoing frames go: the connection's channel, or a test's list. Thread-safe. */
@FunctionalInterface
interface FrameSender {

    /**
     * Queues the frame without waiting; it goes out at the next {@link #flush()}. A DATA frame's
     * bytes were taken from the connection's window first.
     */
    void queue(Frame frame);

    /** Sends every frame queued so far, without waiting. */
    default void flush() {
    }

    /** Queues the frame and sends it at once. */
    default void send(Frame frame) {
        queue(frame);
        flush();
    }
}
