package org.peerdesk.transport.netty;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;

/** Where the transport reports connections coming and going (EventAdmin in a node, a list in tests). */
public interface TransportEvents {

    /** Reports nothing. */
    TransportEvents NONE = new TransportEvents() {
        @Override
        public void connected(ConnectedPeer peer) {
        }

        @Override
        public void disconnected(PeerId peer, String reason) {
        }
    };

    void connected(ConnectedPeer peer);

    void disconnected(PeerId peer, String reason);
}
