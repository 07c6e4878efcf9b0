package org.peerdesk.examples.polls;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.PeerDirectory;

/**
 * {@code ./peerdesk vote PEER|GROUP NUMBER}: votes in the newest poll of a conversation, by reacting to it with the
 * choice's number; voting again changes the vote.
 */
@Component(service = NodeCommand.class)
public final class VoteCommand implements NodeCommand {

    /** How far back in a conversation the newest poll is looked for. */
    private static final int MESSAGES_LOOKED_AT = 500;

    private final MessageService messages;
    private final PeerDirectory directory;

    @Activate
    public VoteCommand(@Reference MessageService messages, @Reference PeerDirectory directory) {
        this.messages = messages;
        this.directory = directory;
    }

    @Override
    public String word() {
        return "vote";
    }

    @Override
    public String arguments() {
        return "PEER|GROUP NUMBER";
    }

    @Override
    public String summary() {
        return "vote in the newest poll of a conversation";
    }

    @Override
    public Answer run(List<String> arguments) throws PeerdeskException {
        if (arguments.size() != 2) {
            throw new InvalidInputException("vote takes a peer or group and the number of your choice");
        }
        List<Message> recent = messages.latest(Conversations.named(arguments.get(0), messages, directory).id(), MESSAGES_LOOKED_AT);
        Optional<Message> newest = recent.reversed().stream().filter(message -> message.revision() != Message.Revision.DELETED
                && message.content().filter(content -> content.type().equals(Poll.TYPE)).isPresent()).findFirst();
        if (newest.isEmpty()) {
            throw new PeerdeskException("There is no poll in " + arguments.get(0) + " to vote in; start one with peerdesk poll.");
        }
        Poll poll = Poll.parse(newest.get().content().orElseThrow().data());
        String number = arguments.get(1);
        int choice = poll.choiceOf(number).orElseThrow(() -> new InvalidInputException("\"" + number + "\" is not a choice of \""
                + poll.question() + "\": give its number, 1 to " + poll.choices().size()));
        messages.react(newest.get().id(), number);
        return new Answer("Voted for " + poll.choices().get(choice - 1) + " in \"" + poll.question() + "\".",
                Map.of("message", newest.get().id(), "choice", choice));
    }
}
