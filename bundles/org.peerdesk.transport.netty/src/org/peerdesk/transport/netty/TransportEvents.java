package org.peerdesk.transport.netty;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;

/**
 * Where the transport reports connections coming and going, peers renamed, and an identity met on two machines at once
 * (EventAdmin in a node, a list in tests).
 */
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

        @Override
        public void twinSeen(TwinSeen seen) {
        }

        @Override
        public void twinRefused(TwinRefused refused) {
        }
    };

    void connected(ConnectedPeer peer);

    void disconnected(PeerId peer, String reason);

    /** A connected peer's user renamed it; {@code peer} carries the new name. */
    void renamed(ConnectedPeer peer);

    /** A peer met this node's identity on two machines at once. */
    void twinSeen(TwinSeen seen);

    /** This node met a peer's identity on two machines at once, and refused the second. */
    void twinRefused(TwinRefused refused);
}
