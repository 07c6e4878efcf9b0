package org.peerdesk.permissions.ui;

import org.peerdesk.core.PeerId;

/** What the Get access dialog opens with when another view asks for access: the peer, the resource and the rights, as the CLI writes them. */
record AccessAsk(PeerId peer, String resource, String rights) {
}
