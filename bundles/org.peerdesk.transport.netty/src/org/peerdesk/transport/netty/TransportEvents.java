package org.peerdesk.transport.netty;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;

/** Where the transport reports connections coming and going, and peers renamed (EventAdmin in a node, a list in tests). */
public interface TransportEvents {

    /** Reports nothing. */
    TransportEvents NONE = new TransportEvents() {
        @Override
        public void connected(ConnectedPeer peer) {
        }

        @Override
        public void disconnected(PeerId peer, String reason) {
        }

        @Override
        public void renamed(ConnectedPeer peer) {
        }
    };

    void connected(ConnectedPeer peer);

    void disconnected(PeerId peer, String reason);

    /** A connected peer's user renamed it; {@code peer} carries the new name. */
    void renamed(ConnectedPeer peer);
}
