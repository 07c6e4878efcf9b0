package org.peerdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/** Both ends of an in-memory stream: what one end writes, the other reads. */
public final class PipeStream implements Stream {

    private final PeerId peer;
    private final ProtocolId protocol;
    private final Pipe.SourceChannel in;
    private final Pipe.SinkChannel out;
    private final InputStream input;
    private final OutputStream output;

    private PipeStream(PeerId peer, ProtocolId protocol, Pipe.SourceChannel in, Pipe.SinkChannel out) {
        this.peer = peer;
        this.protocol = protocol;
        this.in = in;
        this.out = out;
        this.input = Channels.newInputStream(in);
        this.output = Channels.newOutputStream(out);
    }

    /** Two connected ends: the first is the asker's (its peer is {@code server}), the second the server's. */
    public static PipeStream[] pair(PeerId asker, PeerId server, ProtocolId protocol) throws IOException {
        Pipe up = Pipe.open();
        Pipe down = Pipe.open();
        return new PipeStream[] {new PipeStream(server, protocol, down.source(), up.sink()),
            new PipeStream(asker, protocol, up.source(), down.sink())};
    }

    @Override
    public PeerId peer() {
        return peer;
    }

    @Override
    public ProtocolId protocol() {
        return protocol;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void reset() {
        close();
    }

    @Override
    public void close() {
        try {
            out.close();
            in.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
