package org.peerdesk.examples.polls;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.transport.PeerDirectory;

/**
 * Polls as message content: this node sends polls, checks the ones peers send before they are kept, and shows each with
 * its votes so far under its text (in the chat, {@code peerdesk messages} and the admin API), counted from the members'
 * reactions to it, which the message brings along.
 */
@Component(service = MessageContent.class)
public final class PollContent implements MessageContent {

    private final PeerDirectory directory;
    private final PeerId self;

    @Activate
    public PollContent(@Reference PeerDirectory directory, @Reference NodeIdentity identity) {
        this.directory = directory;
        this.self = identity.peerId();
    }

    @Override
    public String type() {
        return Poll.TYPE;
    }

    @Override
    public void check(String data) throws MessagingException {
        try {
            Poll.parse(data);
        } catch (InvalidInputException e) {
            throw new MessagingException("not a poll: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> describe(Message message) {
        if (message.content().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Poll.parse(message.content().get().data()).tally(message.reactions(),
                    voter -> voter.equals(self) ? "you" : directory.nameOf(voter)));
        } catch (InvalidInputException e) {
            return Optional.empty(); // checked as it came: not a poll only where it came before this plugin
        }
    }
}
