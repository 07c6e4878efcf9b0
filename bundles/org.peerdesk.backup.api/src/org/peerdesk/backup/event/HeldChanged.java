package org.peerdesk.backup.event;

import org.peerdesk.core.PeerId;

/** What this node holds for {@code owner} changed: blobs stored or deleted, or the owner's grant ended. */
public record HeldChanged(PeerId owner) {
}
