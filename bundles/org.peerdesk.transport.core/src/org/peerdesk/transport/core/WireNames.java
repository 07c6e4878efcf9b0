package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A peer's name on the wire: at most 255 bytes of UTF-8, read back without control characters. */
final class WireNames {

    private static final int MAX_BYTES = 255;

    private WireNames() {
    }

    static void write(DataOutputStream out, String name) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        bytes = Arrays.copyOf(bytes, Math.min(bytes.length, MAX_BYTES));
        out.writeByte(bytes.length);
        out.write(bytes);
    }

    static String read(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedByte()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip();
    }
}
