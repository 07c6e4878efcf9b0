package org.peerdesk.permissions.event;

import java.util.Optional;

import org.peerdesk.core.PeerId;

/** Grants, passwords or trust states changed, for {@code peer} when it is about one. */
public record AccessChanged(Optional<PeerId> peer) {
}
