package org.peerdesk.messaging.ui;

import java.util.Optional;

import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.messaging.event.ReactionAdded;

/**
 * Tells the user that a member reacted to one of their messages while Peerdesk's window does not have the focus
 * ({@link DesktopNotices}), unless the conversation is muted. Reactions to others' messages are seen in the chat only.
 */
public final class ReactionNotifier extends MessagingNotifier<ReactionAdded> {

    public ReactionNotifier() {
        super(MessageTopics.REACTION_ADDED, ReactionAdded.class);
    }

    @Override
    protected Optional<Notice> noticeOf(ReactionAdded reacted) {
        Message message = reacted.message();
        if (directory == null || messages == null || !message.outgoing() || messages.isMuted(message.conversation())) {
            return Optional.empty();
        }
        return Optional.of(new Notice(directory.nameOf(reacted.by()) + " reacted " + reacted.reaction(), "to: " + MessageTexts.forNotice(message)));
    }
}
