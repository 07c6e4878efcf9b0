package org.peerdesk.messaging.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Serves the messages protocol to peers this node lets message it. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + MessagesWire.PROTOCOL, ProtocolHandler.ACCESS + "=message@messages"})
public final class MessagesHandler implements ProtocolHandler {

    private final MessagingComponent messaging;

    @Activate
    public MessagesHandler(@Reference MessagingComponent messaging) {
        this.messaging = messaging;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        messaging.serveMessages(stream);
    }
}
