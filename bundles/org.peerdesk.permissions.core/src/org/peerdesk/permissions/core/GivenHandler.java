package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Hears what a peer grants this node, and answers a peer that asks what this node grants it ({@link GivenMessages}).
 * Open to anyone, so that a peer telling as it connects, before this node's user has chosen to know it (an invite
 * being taken), is answered "not yet" quietly ({@link GivenBook#told}) rather than refused and audited.
 */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=/peerdesk/given/1", ProtocolHandler.ACCESS + "=anyone"})
public final class GivenHandler implements ProtocolHandler {

    private final AccessRequestService requests;

    @Activate
    public GivenHandler(@Reference AccessRequestService requests) {
        this.requests = requests;
    }

    @Override
    public void handle(Stream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        DataOutputStream out = new DataOutputStream(stream.output());
        Optional<String> refusal;
        try {
            if (GivenMessages.readKind(in) == GivenMessages.ASK) {
                GivenMessages.writeList(out, requests.givenBook().toTell(stream.peer()));
                return;
            }
            refusal = requests.givenBook().told(stream.peer(), GivenMessages.readList(in));
        } catch (InvalidInputException e) {
            refusal = Optional.of("malformed: " + e.getMessage());
        } catch (PermissionException e) {
            refusal = Optional.of("could not be stored; tell again later");
        }
        AccessMessages.reply(out, refusal);
    }
}
