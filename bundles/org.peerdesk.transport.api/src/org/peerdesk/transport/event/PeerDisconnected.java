package org.peerdesk.transport.event;

import org.peerdesk.core.PeerId;

/** The connection with a peer ended; {@code reason} says why, for people. */
public record PeerDisconnected(PeerId peer, String reason) {
}
