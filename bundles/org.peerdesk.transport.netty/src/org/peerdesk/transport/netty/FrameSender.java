package org.peerdesk.transport.netty;

/** Where a stream's outgoing frames go: the connection's channel, or a test's list. Thread-safe. */
@FunctionalInterface
interface FrameSender {

    void send(Frame frame);
}
