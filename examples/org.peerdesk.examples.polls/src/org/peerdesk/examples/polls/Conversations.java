package org.peerdesk.examples.polls;

import java.util.List;
import java.util.Locale;

import org.peerdesk.core.PeerdeskException;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerNames;

/** Finds the conversation a command names as Peerdesk's own commands do: a group by its title, else a peer. */
final class Conversations {

    private Conversations() {
    }

    /** The group titled {@code name} (any case), or the conversation with the peer {@code name} names. */
    static Conversation named(String name, MessageService messages, PeerDirectory directory) throws PeerdeskException {
        List<Conversation> groups = messages.conversations().stream().filter(conversation -> conversation.kind() == Conversation.Kind.GROUP
                && conversation.title().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
        if (groups.size() == 1) {
            return groups.get(0);
        }
        return messages.direct(PeerNames.one(name, directory.peers()));
    }
}
