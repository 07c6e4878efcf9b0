package org.peerdesk.messaging.ui;

import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.EventNotifier;

import jakarta.inject.Inject;

/** A notifier of messaging's events: what it needs to name peers and to tell a muted conversation. */
abstract class MessagingNotifier<R> extends EventNotifier<R> {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PeerDirectory directory;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    MessageService messages;

    MessagingNotifier(String topic, Class<R> type) {
        super(topic, type);
    }
}
