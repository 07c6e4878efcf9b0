package org.peerdesk.transport.event;

import org.peerdesk.core.PeerId;

/** A connected peer's user gave it a new name, which the peer told this node. */
public record PeerRenamed(PeerId peer, String name) {
}
