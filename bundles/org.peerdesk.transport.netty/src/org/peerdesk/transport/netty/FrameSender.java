package org.peerdesk.transport.netty;

/** Where a stream's outgoing frames go: the connection's channel, or a test's list. Thread-safe. */
@FunctionalInterface
interface FrameSender {

    /** Sends the frame; a DATA frame may wait while the connection has much unsent data queued. */
    void send(Frame frame);
}
