package org.peerdesk.messaging.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Answers the catch-ups of peers this node lets message it, that took a lost machine's place. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + CatchUps.PROTOCOL, ProtocolHandler.ACCESS + "=message@messages"})
public final class CatchUpHandler implements ProtocolHandler {

    private final MessagingComponent messaging;

    @Activate
    public CatchUpHandler(@Reference MessagingComponent messaging) {
        this.messaging = messaging;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        messaging.serveCatchUp(stream, true);
    }
}
