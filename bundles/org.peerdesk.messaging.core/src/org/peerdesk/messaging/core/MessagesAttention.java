package org.peerdesk.messaging.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.core.ShellWords;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.Resource;
import org.peerdesk.transport.PeerDirectory;

/**
 * Unread messages that mention the user (in a muted conversation too); messages that wait for a peer that has not given this node the right to message it (they go once the
 * user asks for it and the peer approves) or for a member of a group that this node does not know as a
 * peer, while no group's creator took them to pass on, or for an away peer whose mailbox does not take this node's mail;
 * and a mailbox that does not serve this node (mail sent to it while it was off does not come through).
 */
@Component(service = AttentionSource.class)
public final class MessagesAttention implements AttentionSource {

    /** The desktop's Settings dialog, whose Messages tab chooses the mailbox. */
    private static final String SETTINGS = "org.peerdesk.app.command.settings";
    /** The Access view, whose "Get access..." asks a peer for a right. */
    private static final String ACCESS_VIEW = "org.peerdesk.permissions.ui.part.access";
    /** The Peers view, whose "Invite someone..." makes an invite. */
    private static final String PEERS_VIEW = "org.peerdesk.transport.ui.part.peers";
    /** The desktop's command that opens a conversation in the Chat view, and its parameter, the conversation's ID. */
    private static final String OPEN_CONVERSATION = "org.peerdesk.messaging.ui.command.openConversation";
    private static final String CONVERSATION = "org.peerdesk.conversation";

    private final MessagingComponent messages;
    private final PeerDirectory directory;
    private final AccessRequests access;
    private final PeerId self;

    @Activate
    public MessagesAttention(@Reference MessagingComponent messages, @Reference PeerDirectory directory, @Reference AccessRequests access,
            @Reference NodeIdentity identity) {
        this.messages = messages;
        this.directory = directory;
        this.access = access;
        this.self = identity.peerId();
    }

    @Override
    public String area() {
        return "messages";
    }

    @Override
    public List<Attention> attention() throws PeerdeskException {
        List<Attention> waiting = new ArrayList<>(mentions());
        Set<PeerId> asked = access.asked(Resource.MESSAGES); // asked, the messages wait for the peer, not for the user
        for (Map.Entry<PeerId, Integer> refused : messages.waitingForTheRight().entrySet()) {
            PeerId peer = refused.getKey();
            if (asked.contains(peer)) {
                continue;
            }
            waiting.add(new Attention(area(), waiting(refused.getValue(), directory.nameOf(peer))
                    + ": they have not given you the right to message them; ask them for it",
                    "peerdesk request " + peer.shortForm() + " messages message", ACCESS_VIEW));
        }
        Map<PeerId, Integer> unsent = messages.waiting();
        for (Map.Entry<PeerId, PeerId> held : messages.heldBackByMailboxes().entrySet()) {
            int count = unsent.getOrDefault(held.getKey(), 0);
            PeerId box = held.getValue();
            if (count > 0) {
                waiting.add(new Attention(area(), waiting(count, directory.nameOf(held.getKey())) + ": they are away, and their mailbox "
                        + directory.nameOf(box) + " does not let this node leave mail there;"
                        + " ask it for the right to message it", "peerdesk request " + box.shortForm() + " messages message", ACCESS_VIEW));
            }
        }
        for (Map.Entry<PeerId, Integer> unknown : unsent.entrySet()) {
            PeerId peer = unknown.getKey();
            if (directory.find(peer).isEmpty()) {
                waiting.add(new Attention(area(), waiting(unknown.getValue(), peer.shortForm())
                        + ": a member of your group that this node does not know as a peer; the group's creator"
                        + " passes them on when connected, or add each other (an invite) to deliver them", "peerdesk invite", PEERS_VIEW));
            }
        }
        messages.mailboxStatus().problem().ifPresent(problem -> waiting.add(new Attention(area(), "mailbox: " + problem,
                "peerdesk mailbox", SETTINGS)));
        return waiting;
    }

    /** A line for each conversation where unread messages mention the user. */
    private List<Attention> mentions() throws PeerdeskException {
        List<Attention> mentions = new ArrayList<>();
        for (Map.Entry<ConversationId, Integer> unread : messages.unreadMentions().entrySet()) {
            Optional<Conversation> mentioning = messages.conversation(unread.getKey());
            int count = unread.getValue();
            if (mentioning.isPresent()) {
                Conversation conversation = mentioning.get();
                String name = conversation.kind() == Conversation.Kind.GROUP ? conversation.title()
                        : conversation.others(self).stream().findFirst().map(directory::nameOf).orElse(conversation.title());
                mentions.add(new Attention(area(), (count == 1 ? "an unread message in " + name + " mentions you"
                        : count + " unread messages in " + name + " mention you"), "peerdesk messages " + ShellWords.quoted(name),
                        Attention.command(OPEN_CONVERSATION, CONVERSATION, conversation.id().value()),
                        true)); // the desktop tells each mention as it comes
            }
        }
        return mentions;
    }

    /** "1 message to Ana waits", "3 messages to Ana wait". */
    private static String waiting(int count, String recipient) {
        return count == 1 ? "1 message to " + recipient + " waits" : count + " messages to " + recipient + " wait";
    }
}
