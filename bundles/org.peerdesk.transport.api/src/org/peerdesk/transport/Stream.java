package org.peerdesk.transport;

import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * A two-way logical stream with one peer, speaking one protocol, over the connection the two
 * peers share. Each stream has flow control of its own: a reader that falls behind slows its own
 * writer and nothing else.
 *
 * <p>The streams block: read and write on a thread of your own (handlers are called on one), never
 * on a network thread or the UI thread. Closing the output tells the peer no more data comes;
 * {@link #close()} closes both directions.
 */
@ProviderType
public interface Stream extends AutoCloseable {

    PeerId peer();

    ProtocolId protocol();

    /** Data from the peer; reading returns -1 once the peer closed its output. */
    InputStream input();

    /**
     * Data to the peer; writes block while the peer's window for this stream, or for the connection,
     * is full. Each write goes out as it is made, so write bulk data in large pieces (256 KiB or more;
     * the network transport sends frames of just under 64 KiB): over the network a stream whose writes
     * are all small (2 KiB or less) counts as a conversation, and while one flows the connection keeps
     * the other streams' data in flight short, so its messages wait little.
     */
    OutputStream output();

    /** Aborts the stream in both directions at once; data not yet delivered is dropped. */
    void reset();

    /**
     * Finishes the output (if still open) and stops reading; data the peer still sends is dropped,
     * but the peer still reads everything written here before its writes start to fail.
     */
    @Override
    void close();
}
