package org.peerdesk.messaging.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.ui.Background;

/** "Forward..." on a message of the chat: the user picks another conversation, and the message's text (and files) go there. */
final class MessageForwarding {

    private final MessageService messages;
    private final Background background;
    private final Consumer<String> say;

    MessageForwarding(MessageService messages, Background background, Consumer<String> say) {
        this.messages = messages;
        this.background = background;
        this.say = say;
    }

    /**
     * Asks where {@code message} goes (any conversation the user is in but its own), then forwards it there; its files go
     * along where they are the user's own or were {@code fetched} here.
     */
    void forward(Shell shell, Message message, boolean fetched, Names names) {
        background.run(() -> messages.conversations().stream().filter(conversation -> !conversation.id().equals(message.conversation())
                && conversation.members().contains(names.self())).toList(), (conversations, error) -> {
                    if (error != null) {
                        say.accept(error);
                    } else if (conversations.isEmpty()) {
                        say.accept("There is no other conversation to forward it to: start one with New message... or New group...");
                    } else {
                        ask(shell, message, fetched, names, conversations);
                    }
                });
    }

    private void ask(Shell shell, Message message, boolean fetched, Names names, List<Conversation> conversations) {
        ForwardDialog dialog = new ForwardDialog(shell, MessageTexts.oneLine(message), staysBehind(message, fetched, names), conversations, names);
        if (dialog.open() != Window.OK) {
            return;
        }
        Conversation to = dialog.chosen();
        background.run(() -> messages.forward(message.id(), to.id()),
                (forwarded, error) -> say.accept(error != null ? error : "Forwarded to " + names.of(to) + "."));
    }

    /** What of the message does not go along: another's files not fetched here, and a plugin's data. */
    static String staysBehind(Message message, boolean fetched, Names names) {
        List<String> behind = new ArrayList<>();
        if (!message.outgoing() && !fetched && !message.attachments().isEmpty()) {
            behind.add("its files stay with " + names.of(message.author()) + ", who sent them (fetch them first to forward them too)");
        }
        if (message.content().isPresent()) {
            behind.add("the plugin's data stays behind");
        }
        return behind.isEmpty() ? "" : "Only its text goes: " + String.join(", and ", behind) + ".";
    }
}
