package org.peerdesk.messaging.ui;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.ui.TabCount;

import jakarta.inject.Inject;

/**
 * Counts the unread messages on the Conversations tab ("Conversations (3)"): all of them in conversations the user did not
 * mute, and in those muted, the ones that mention the user.
 */
public final class UnreadBadge extends TabCount {

    @Inject
    @Optional
    @Service
    MessageService messages;

    public UnreadBadge() {
        super(ConversationsPart.ID, "Conversations", MessageTopics.CONVERSATION_CHANGED);
    }

    @Override
    protected long count() throws Exception {
        return messages == null ? 0 : messages.conversations().stream()
                .mapToLong(conversation -> conversation.muted() ? conversation.unreadMentions() : conversation.unread()).sum();
    }
}
