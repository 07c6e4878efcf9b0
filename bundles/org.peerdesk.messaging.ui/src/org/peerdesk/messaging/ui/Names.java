package org.peerdesk.messaging.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;

/**
 * How the messaging views name peers and conversations: by the names the user knows them by, and members of
 * groups the user does not know as peers by what the groups' creators call them; {@code peers} are those the user
 * does know as peers; {@code selfName}, the name peers know this node by; {@code contentTypes}, the types of message
 * content plugins here know. Read with the rest of a refresh, off the UI thread, so that drawing a table never touches
 * the database.
 */
record Names(Map<PeerId, String> known, Set<PeerId> peers, PeerId self, String selfName, Set<String> contentTypes) {

    static Names none(NodeIdentity identity) {
        return new Names(Map.of(), Set.of(), identity.peerId(), identity.displayName(), Set.of());
    }

    static Names read(PeerDirectory directory, MessageService messages, NodeIdentity identity) throws TransportException, MessagingException {
        Map<PeerId, String> known = new HashMap<>(messages.memberNames());
        List<KnownPeer> peers = directory == null ? List.of() : directory.peers();
        known.putAll(peers.stream().collect(Collectors.toMap(KnownPeer::id, KnownPeer::name)));
        return new Names(known, peers.stream().map(KnownPeer::id).collect(Collectors.toSet()), identity.peerId(), identity.displayName(),
                messages.contentTypes());
    }

    /** The other members of {@code conversation}, each by its name: whom a message there can mention. */
    Map<PeerId, String> others(Conversation conversation) {
        Map<PeerId, String> others = new HashMap<>();
        conversation.others(self).forEach(member -> others.put(member, of(member)));
        return others;
    }

    /** Whether a plugin here knows content of {@code type}, so that what a message carries beside its text is not lost on the user. */
    boolean knowsContent(String type) {
        return contentTypes.contains(type);
    }

    /** Whether the user knows {@code peer} as a peer, and so can reach it: a group's member may be known only by name. */
    boolean isPeer(PeerId peer) {
        return peers.contains(peer);
    }

    String of(PeerId peer) {
        return peer.equals(self) ? "me" : known.getOrDefault(peer, peer.shortForm());
    }

    /** Whose a forwarded message's text first was: by the name the user knows them by, else the one the message carries. */
    String of(Forwarded forwarded) {
        return forwarded.author().equals(self) || known.containsKey(forwarded.author()) ? of(forwarded.author()) : forwarded.name();
    }

    /** A group's title, or the other peer's name. */
    String of(Conversation conversation) {
        if (conversation.kind() == Conversation.Kind.GROUP) {
            return conversation.title();
        }
        return conversation.others(self).stream().findFirst().map(this::of).orElse("me");
    }
}
