package org.peerdesk.transport.event;

import org.peerdesk.transport.ConnectedPeer;

/** A connection with a peer is ready for streams. */
public record PeerConnected(ConnectedPeer peer) {
}
