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
    /** A capability: the peer takes {@link FrameType#NAME} frames, so it learns a new name without reconnecting. */
    static final int NAMES = 1;
    /** A capability: the peer takes {@link FrameType#TWIN} frames that say another machine was refused as it. */
    static final int TWINS = 2;
    /** What this version of the code can take. */
    static final int CAPABILITIES = NAMES | TWINS;
    static final int MAX_NAME_BYTES = 256;

    boolean takesNames() {
        return (capabilities & NAMES) != 0;
    }

    boolean takesTwins() {
        return (capabilities & TWINS) != 0;
    }

    byte[] encode() {
        byte[] name = nameBytes(displayName);
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
        return new Hello(version, capabilities, listenPort, name(name));
    }

    /** A name as it goes on the wire, cut to {@link #MAX_NAME_BYTES}. */
    static byte[] nameBytes(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length > MAX_NAME_BYTES ? java.util.Arrays.copyOf(bytes, MAX_NAME_BYTES) : bytes;
    }

    /** A name from the wire, with control characters made spaces; one over {@link #MAX_NAME_BYTES} breaks the protocol. */
    static String name(byte[] bytes) {
        if (bytes.length > MAX_NAME_BYTES) {
            throw new CorruptedFrameException("a name of " + bytes.length + " bytes, over the limit of " + MAX_NAME_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip();
    }
}
