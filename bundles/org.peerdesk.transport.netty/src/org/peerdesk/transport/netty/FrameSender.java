package org.peerdesk.transport.netty;

/** Where a stream's outgoing frames go: the connection's channel, or a test's list. Thread-safe. */
@FunctionalInterface
interface FrameSender {

    /** Sends the frame without waiting; a DATA frame's bytes were taken from the connection's window first. */
    void send(Frame frame);
}
