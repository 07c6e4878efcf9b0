package org.peerdesk.testing.greeter;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessagingException;

/** The greeter's content of messages: a gesture, which the text beside it describes for nodes without the plugin. */
@Component(service = MessageContent.class)
public final class Gestures implements MessageContent {

    static final String TYPE = "org.peerdesk.testing.greeter/gesture";
    static final Set<String> GESTURES = Set.of("wave", "bow", "nod");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void check(String data) throws MessagingException {
        if (!GESTURES.contains(data)) {
            throw new MessagingException("\"" + data + "\" is not a gesture the greeter knows (wave, bow or nod)");
        }
    }

    @Override
    public Optional<String> describe(Message message) {
        return message.content().map(gesture -> "The greeter plugin shows: a " + gesture.data());
    }
}
