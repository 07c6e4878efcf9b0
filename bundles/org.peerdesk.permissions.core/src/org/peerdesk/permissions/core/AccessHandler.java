package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Takes access requests and answers from peers: anyone may ask, so every message is checked and rate-limited. */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=/peerdesk/access/1", ProtocolHandler.ACCESS + "=anyone"})
public final class AccessHandler implements ProtocolHandler {

    private final AccessRequestService requests;

    @Activate
    public AccessHandler(@Reference AccessRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void handle(Stream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream.output());
        Optional<String> refusal;
        try {
            refusal = requests.book().received(stream.peer(), AccessMessages.read(new DataInputStream(stream.input())));
        } catch (InvalidInputException e) {
            refusal = Optional.of("malformed: " + e.getMessage());
        }
        AccessMessages.reply(out, refusal);
    }
}
