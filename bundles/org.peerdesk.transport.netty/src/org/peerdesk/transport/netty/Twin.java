package org.peerdesk.transport.netty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;

/**
 * The {@link FrameType#TWIN} frame: whether the receiver is the machine refused or the one kept, and where the sender
 * sees the other machine.
 */
record Twin(boolean receiverRefused, PeerAddress other) {

    private static final int MAX_ADDRESS_BYTES = 300;
    private static final byte REFUSED = 1;
    private static final byte KEPT = 2;

    Frame frame() {
        byte[] address = other.toString().getBytes(StandardCharsets.UTF_8);
        return new Frame(FrameType.TWIN, 0, ByteBuffer.allocate(1 + address.length)
                .put(receiverRefused ? REFUSED : KEPT).put(address).array());
    }

    static Twin of(Frame frame) {
        byte[] payload = frame.payload();
        if (frame.stream() != 0 || payload.length < 2 || payload.length > 1 + MAX_ADDRESS_BYTES
                || (payload[0] != REFUSED && payload[0] != KEPT)) {
            throw new ProtocolViolation("a damaged " + FrameType.TWIN + " frame");
        }
        try {
            String address = new String(Arrays.copyOfRange(payload, 1, payload.length), StandardCharsets.UTF_8);
            return new Twin(payload[0] == REFUSED, PeerAddress.parse(address));
        } catch (InvalidInputException e) {
            throw new ProtocolViolation("a " + FrameType.TWIN + " frame with a damaged address: " + e.getMessage());
        }
    }
}
