package org.peerdesk.messaging.ui;

import java.util.Map;
import java.util.stream.Collectors;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;

/**
 * How the messaging views name peers and conversations: by the names the user knows them by. Read
 * with the rest of a refresh, off the UI thread, so that drawing a table never touches the database.
 */
record Names(Map<PeerId, String> known, PeerId self) {

    static Names read(PeerDirectory directory, PeerId self) throws TransportException {
        return new Names(directory == null ? Map.of()
                : directory.peers().stream().collect(Collectors.toMap(KnownPeer::id, KnownPeer::name)), self);
    }

    String of(PeerId peer) {
        return peer.equals(self) ? "me" : known.getOrDefault(peer, peer.shortForm());
    }

    /** A group's title, or the other peer's name. */
    String of(Conversation conversation) {
        if (conversation.kind() == Conversation.Kind.GROUP) {
            return conversation.title();
        }
        return conversation.others(self).stream().findFirst().map(this::of).orElse("me");
    }
}
