package org.peerdesk.examples.polls;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.core.ShellWords;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.PeerDirectory;

/** {@code ./peerdesk poll PEER|GROUP QUESTION CHOICE CHOICE...}: asks a conversation's members to vote. */
@Component(service = NodeCommand.class)
public final class PollCommand implements NodeCommand {

    private final MessageService messages;
    private final PeerDirectory directory;

    @Activate
    public PollCommand(@Reference MessageService messages, @Reference PeerDirectory directory) {
        this.messages = messages;
        this.directory = directory;
    }

    @Override
    public String word() {
        return "poll";
    }

    @Override
    public String arguments() {
        return "PEER|GROUP QUESTION CHOICE CHOICE...";
    }

    @Override
    public String summary() {
        return "ask a conversation's members to vote among 2 to " + Poll.MOST_CHOICES + " choices";
    }

    @Override
    public Answer run(List<String> arguments) throws PeerdeskException {
        if (arguments.size() < 4) {
            throw new InvalidInputException("poll takes a peer or group, a question and at least two choices");
        }
        Poll poll = Poll.of(arguments.get(1), arguments.subList(2, arguments.size()));
        Conversation conversation = Conversations.named(arguments.get(0), messages, directory);
        Message sent = messages.send(conversation.id(), poll.text(), new MessageContent.Typed(Poll.TYPE, poll.data()));
        return new Answer("Asked \"" + poll.question() + "\". Members vote with: peerdesk vote " + ShellWords.quoted(arguments.get(0)) + " NUMBER"
                + " (or by reacting to the poll with the number, in the chat or with peerdesk react).", Map.of("message", sent.id()));
    }
}
