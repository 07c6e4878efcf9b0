package org.peerdesk.transport.netty;

import java.nio.ByteBuffer;

/** The {@link FrameType#SUPERSEDED} frame: the newer machine's number. */
final class Superseded {

    private Superseded() {
    }

    static Frame frame(int newer) {
        return new Frame(FrameType.SUPERSEDED, 0, ByteBuffer.allocate(Integer.BYTES).putInt(newer).array());
    }

    static int succession(Frame frame) {
        if (frame.stream() != 0 || frame.payload().length != Integer.BYTES) {
            throw new ProtocolViolation("a damaged " + FrameType.SUPERSEDED + " frame");
        }
        return ByteBuffer.wrap(frame.payload()).getInt();
    }
}
