package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.peerdesk.transport.SpeedTest;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * The peer's end of the speed test protocol. A stream starts with a mode byte: {@link #SINK} (a
 * length, then that many bytes, answered with the count received) or {@link #ECHO} (everything
 * sent comes back, until the sender closes). Separate from {@link SpeedTestClient}, which needs
 * the transport: a handler that needs the transport would be a cycle of services.
 */
@Component(service = ProtocolHandler.class, property = { ProtocolHandler.PROTOCOL + "=" + SpeedTestHandler.PROTOCOL_ID, ProtocolHandler.ACCESS + "=trusted" })
public final class SpeedTestHandler implements ProtocolHandler {

    static final String PROTOCOL_ID = "/peerdesk/speedtest/1";
    static final int SINK = 1;
    static final int ECHO = 2;
    static final int CHUNK = 1 << 20;

    @Override
    public void handle(Stream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        int mode = in.read();
        switch (mode) {
            case SINK -> sink(in, new DataOutputStream(stream.output()));
            case ECHO -> in.transferTo(stream.output());
            default -> throw new IOException("not a speed test mode: " + mode);
        }
    }

    private static void sink(DataInputStream in, DataOutputStream out) throws IOException {
        long expected = in.readLong();
        if (expected < 0 || expected > SpeedTest.MAX_BYTES) {
            throw new IOException("a speed test of " + expected + " bytes is out of bounds");
        }
        byte[] buffer = new byte[CHUNK];
        long received = 0;
        while (received < expected) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, expected - received));
            if (n < 0) {
                throw new EOFException("the speed test ended after " + received + " of " + expected + " bytes");
            }
            received += n;
        }
        out.writeLong(received);
        out.close();
    }
}
