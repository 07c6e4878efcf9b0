package org.peerdesk.transport.event;

import org.peerdesk.core.PeerId;

/** A peer was added to, changed in, or removed from the known peers. */
public record KnownPeersChanged(PeerId peer) {
}
