package org.peerdesk.files.core;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/** What a peer's refusal for want of a grant tells the user: what the peer does not give, and the command that asks for it. */
final class NotGiven {

    private NotGiven() {
    }

    static String message(String peerName, PeerId peer, Resource resource, Right right) {
        return peerName + " gives you no " + right.word() + " on '" + resource + "'. Ask it: peerdesk request " + peer.shortForm() + " "
                + resource + " " + right.word();
    }
}
