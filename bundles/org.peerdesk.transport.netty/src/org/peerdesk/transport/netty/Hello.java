package org.peerdesk.transport.netty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The first message each way on a new connection: the wire protocol's version, the features the
 * sender has, the port it listens on (so the other side can dial it back later) and its name.
 */
record Hello(int version, int capabilities, int listenPort, String displayName) {

    /**
     * The version this code speaks; a peer with another major version is refused. Version 2 added the
     * connection's window ({@link ConnectionWindow}): a version 1 peer would never grant it.
     */
    static final int VERSION = 2;
    static final int MAX_NAME_BYTES = 256;

    byte[] encode() {
        byte[] name = displayName.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) {
            name = java.util.Arrays.copyOf(name, MAX_NAME_BYTES);
        }
        return ByteBuffer.allocate(10 + name.length).putShort((short) version).putInt(capabilities)
                .putShort((short) listenPort).putShort((short) name.length).put(name).array();
    }

    static Hello decode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        if (buffer.remaining() < 10) {
            throw new CorruptedFrameException("Hello too short");
        }
        int version = Short.toUnsignedInt(buffer.getShort());
        int capabilities = buffer.getInt();
        int listenPort = Short.toUnsignedInt(buffer.getShort());
        int nameLength = Short.toUnsignedInt(buffer.getShort());
        if (nameLength > MAX_NAME_BYTES || nameLength != buffer.remaining()) {
            throw new CorruptedFrameException("Hello has a damaged name");
        }
        byte[] name = new byte[nameLength];
        buffer.get(name);
        String text = new String(name, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip();
        return new Hello(version, capabilities, listenPort, text);
    }
}
