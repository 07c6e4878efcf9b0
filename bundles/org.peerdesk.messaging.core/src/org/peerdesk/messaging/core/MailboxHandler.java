package org.peerdesk.messaging.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Serves the mailbox protocol: peers this node lets message it may leave sealed mail for each other here. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + MailboxWire.PROTOCOL, ProtocolHandler.ACCESS + "=message@messages"})
public final class MailboxHandler implements ProtocolHandler {

    private final MessagingComponent messaging;

    @Activate
    public MailboxHandler(@Reference MessagingComponent messaging) {
        this.messaging = messaging;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        messaging.serveMailbox(stream);
    }
}
