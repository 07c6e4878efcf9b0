package org.peerdesk.transport.event;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;

/** A known peer was reached at an address other than the one remembered for it. */
public record PeerAddressChanged(PeerId peer, PeerAddress previous, PeerAddress current) {
}
