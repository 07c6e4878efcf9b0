package org.peerdesk.messaging.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Answers the catch-ups of peers of the version before changes were given back: with the messages alone. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + CatchUps.FIRST_PROTOCOL, ProtocolHandler.ACCESS + "=message@messages"})
public final class FirstCatchUpHandler implements ProtocolHandler {

    private final MessagingComponent messaging;

    @Activate
    public FirstCatchUpHandler(@Reference MessagingComponent messaging) {
        this.messaging = messaging;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        messaging.serveCatchUp(stream, false);
    }
}
