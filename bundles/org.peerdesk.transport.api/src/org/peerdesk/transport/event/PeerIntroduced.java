package org.peerdesk.transport.event;

import org.peerdesk.core.PeerId;

/**
 * The user chose to know {@code peer}: by an invite (either side of it) or by typing its ID and
 * address. Permissions take this as a choice to trust.
 */
public record PeerIntroduced(PeerId peer, boolean byInvite) {
}
