package org.peerdesk.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.peerdesk.core.PeerId;

/**
 * The part of the transport that an area working with blocking streams needs: who is connected,
 * and opening a stream to one of them, where a refusal or a timeout is an IOException saying why.
 * Areas take this rather than the {@link TransportService}, so their tests can join them with
 * in-memory streams.
 */
@ConsumerType
public interface PeerStreams {

    boolean connected(PeerId peer);

    List<PeerId> connectedPeers();

    /** Opens a stream, waiting for the peer's answer; call it on a thread of your own. */
    Stream open(PeerId peer, ProtocolId protocol) throws IOException;

    /** The transport's streams, each open waiting at most {@code timeout}. */
    static PeerStreams of(TransportService transport, Duration timeout) {
        return new PeerStreams() {
            @Override
            public boolean connected(PeerId peer) {
                return transport.connection(peer).isPresent();
            }

            @Override
            public List<PeerId> connectedPeers() {
                return transport.connectedPeers().stream().map(ConnectedPeer::id).toList();
            }

            @Override
            public Stream open(PeerId peer, ProtocolId protocol) throws IOException {
                try {
                    return transport.awaitStream(peer, protocol, timeout);
                } catch (TransportException e) {
                    throw new IOException(e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while opening a " + protocol + " stream.", e);
                }
            }
        };
    }
}
