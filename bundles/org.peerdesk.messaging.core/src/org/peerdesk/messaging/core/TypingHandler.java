package org.peerdesk.messaging.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Takes typing notices from peers this node lets message it. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + TypingWire.PROTOCOL, ProtocolHandler.ACCESS + "=message@messages"})
public final class TypingHandler implements ProtocolHandler {

    private final MessagingComponent messaging;

    @Activate
    public TypingHandler(@Reference MessagingComponent messaging) {
        this.messaging = messaging;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        messaging.serveTyping(stream);
    }
}
