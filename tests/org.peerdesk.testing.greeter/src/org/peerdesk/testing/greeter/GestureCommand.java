package org.peerdesk.testing.greeter;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerNames;

/** {@code ./peerdesk gesture PEER GESTURE}: sends a peer a gesture as a message, delivered as messages are, even while it is away. */
@Component(service = NodeCommand.class)
public final class GestureCommand implements NodeCommand {

    private final MessageService messages;
    private final PeerDirectory directory;

    @Activate
    public GestureCommand(@Reference MessageService messages, @Reference PeerDirectory directory) {
        this.messages = messages;
        this.directory = directory;
    }

    @Override
    public String word() {
        return "gesture";
    }

    @Override
    public String arguments() {
        return "PEER wave|bow|nod";
    }

    @Override
    public String summary() {
        return "send a peer a gesture in a message";
    }

    @Override
    public Answer run(List<String> arguments) throws PeerdeskException {
        if (arguments.size() != 2) {
            throw new InvalidInputException("gesture takes a peer and a gesture");
        }
        PeerId peer = PeerNames.one(arguments.get(0), directory.peers());
        String gesture = arguments.get(1);
        Message sent = messages.send(messages.direct(peer).id(), "*" + gesture + "s* (a gesture from the greeter plugin)",
                new MessageContent.Typed(Gestures.TYPE, gesture));
        return new Answer("Sent a " + gesture + ".", Map.of("message", sent.id()));
    }
}
