package org.peerdesk.messaging.ui;

import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Quote;
import org.peerdesk.messaging.event.MessageAdded;
import org.peerdesk.messaging.event.MessageTopics;

import jakarta.inject.Inject;

/**
 * Tells the user about a message that arrives while Peerdesk's window does not have the focus ({@link DesktopNotices}),
 * unless its conversation is muted; a reply to the user's own message, and a message that mentions the user, are told
 * even then, as the user is the one they call.
 */
public final class MessageNotifier extends MessagingNotifier<MessageAdded> {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    NodeIdentity identity;

    public MessageNotifier() {
        super(MessageTopics.MESSAGE_ADDED, MessageAdded.class);
    }

    @Override
    protected Optional<Notice> noticeOf(MessageAdded added) {
        Message message = added.message();
        if (directory == null || messages == null || identity == null || message.outgoing() || message.kind() != Message.Kind.TEXT) {
            return Optional.empty();
        }
        boolean answersTheUser = message.replyTo().flatMap(Quote::author).filter(identity.peerId()::equals).isPresent();
        boolean mentionsTheUser = message.mentions().contains(identity.peerId());
        if (!answersTheUser && !mentionsTheUser && messages.isMuted(message.conversation())) {
            return Optional.empty();
        }
        String author = directory.nameOf(message.author());
        String title = answersTheUser ? author + " replied to you" : mentionsTheUser ? author + " mentioned you" : "Message from " + author;
        return Optional.of(new Notice(title, MessageTexts.forNotice(message)));
    }
}
