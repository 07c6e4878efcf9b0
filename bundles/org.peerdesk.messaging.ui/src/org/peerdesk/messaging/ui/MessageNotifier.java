package org.peerdesk.messaging.ui;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.event.MessageAdded;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.DesktopNotices;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** Tells the user about a message that arrives while Peerdesk's window does not have the focus ({@link DesktopNotices}). */
public final class MessageNotifier {

    @Inject
    IEventBroker events;

    @Inject
    UISynchronize ui;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private final EventHandler handler = this::arrived;
    private final DesktopNotices notices = new DesktopNotices();

    @PostConstruct
    void start() {
        events.subscribe(MessageTopics.MESSAGE_ADDED, handler);
    }

    @PreDestroy
    void stop() {
        events.unsubscribe(handler);
        notices.dispose();
    }

    private void arrived(Event event) {
        if (!(event.getProperty(Topics.DATA) instanceof MessageAdded added) || directory == null) {
            return;
        }
        Message message = added.message();
        if (message.outgoing() || message.kind() != Message.Kind.TEXT) {
            return;
        }
        String from = directory.nameOf(message.author());
        String text = message.body().length() > 120 ? message.body().substring(0, 119) + "…" : message.body();
        ui.asyncExec(() -> notices.tell("Message from " + from, text));
    }
}
