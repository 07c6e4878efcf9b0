package org.peerdesk.transport.netty;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One frame: a type, the stream it belongs to (0 for the connection itself), and its payload.
 * The payload is copied out of Netty's buffers when decoded, so frames hold no pooled memory.
 */
record Frame(FrameType type, int stream, byte[] payload) {

    static final byte[] EMPTY = new byte[0];

    Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    static Frame of(FrameType type, int stream) {
        return new Frame(type, stream, EMPTY);
    }

    static Frame text(FrameType type, int stream, String text) {
        return new Frame(type, stream, text.getBytes(StandardCharsets.UTF_8));
    }

    String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return type + "[stream " + stream + ", " + payload.length + " bytes]";
    }
}
