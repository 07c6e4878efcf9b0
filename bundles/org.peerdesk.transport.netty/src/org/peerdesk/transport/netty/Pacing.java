package org.peerdesk.transport.netty;

/** The node's rate limits: a throttle for what it sends and one for what it takes in, shared by all its streams. */
record Pacing(Throttle upload, Throttle download) {

    /** Throttles without a rate yet: nothing waits until one is set. */
    static Pacing unlimited() {
        return new Pacing(new Throttle(System::nanoTime), new Throttle(System::nanoTime));
    }
}
