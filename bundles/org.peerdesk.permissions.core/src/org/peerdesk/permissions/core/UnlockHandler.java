package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Lets a peer prove it knows a resource's password; attempts are rate-limited and failures slowed down. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=/peerdesk/unlock/1", ProtocolHandler.ACCESS + "=anyone"})
public final class UnlockHandler implements ProtocolHandler {

    private final AccessRequestService requests;

    @Activate
    public UnlockHandler(@Reference AccessRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void handle(Stream stream) throws IOException {
        requests.unlocking().serve(stream.peer(), new DataInputStream(stream.input()), new DataOutputStream(stream.output()));
    }
}
