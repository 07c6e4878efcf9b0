package org.peerdesk.messaging.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Serves the mailbox protocol to peers of the version before mail could be left until a time: they use only what it had. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + MailboxWire.FIRST_PROTOCOL, ProtocolHandler.ACCESS + "=message@messages"})
public final class FirstMailboxHandler implements ProtocolHandler {

    private final MessagingComponent messaging;

    @Activate
    public FirstMailboxHandler(@Reference MessagingComponent messaging) {
        this.messaging = messaging;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        messaging.serveMailbox(stream);
    }
}
