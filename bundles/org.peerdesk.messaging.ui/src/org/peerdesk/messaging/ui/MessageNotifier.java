package org.peerdesk.messaging.ui;

import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.event.MessageAdded;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.EventNotifier;

import jakarta.inject.Inject;

/**
 * Tells the user about a message that arrives while Peerdesk's window does not have the focus ({@link DesktopNotices}),
 * unless its conversation is muted.
 */
public final class MessageNotifier extends EventNotifier<MessageAdded> {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PeerDirectory directory;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    MessageService messages;

    public MessageNotifier() {
        super(MessageTopics.MESSAGE_ADDED, MessageAdded.class);
    }

    @Override
    protected Optional<Notice> noticeOf(MessageAdded added) {
        Message message = added.message();
        if (directory == null || messages == null || message.outgoing() || message.kind() != Message.Kind.TEXT
                || messages.isMuted(message.conversation())) {
            return Optional.empty();
        }
        String text = message.body().length() > 120 ? message.body().substring(0, 119) + "…" : message.body();
        return Optional.of(new Notice("Message from " + directory.nameOf(message.author()), text));
    }
}
