package org.peerdesk.messaging.ui;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;

/** How the messaging views name peers and conversations: by the names the user knows them by. */
final class Names {

    private final PeerDirectory directory;
    private final PeerId self;

    Names(PeerDirectory directory, PeerId self) {
        this.directory = directory;
        this.self = self;
    }

    String of(PeerId peer) {
        if (peer.equals(self)) {
            return "me";
        }
        try {
            return directory == null ? peer.shortForm() : directory.find(peer).map(KnownPeer::name).orElse(peer.shortForm());
        } catch (Exception e) {
            return peer.shortForm();
        }
    }

    /** A group's title, or the other peer's name. */
    String of(Conversation conversation) {
        if (conversation.kind() == Conversation.Kind.GROUP) {
            return conversation.title();
        }
        return conversation.others(self).stream().findFirst().map(this::of).orElse("me");
    }
}
