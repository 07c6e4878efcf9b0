package org.peerdesk.examples.polls;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ConversationActions;

/**
 * "Start a poll..." in a conversation's menu (the Conversations view): a command the plugin's model fragment tags as an
 * action on a conversation, so the desktop offers it there and hands it the conversation's ID. Asks for the question and
 * the choices, then sends the poll, which the chat then shows with its votes.
 */
public final class StartPollHandler {

    @CanExecute
    boolean canExecute(@Optional @Service MessageService messages) {
        return messages != null;
    }

    @Execute
    void execute(@Named(ConversationActions.CONVERSATION) String conversation, @Service MessageService messages,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell, UISynchronize ui) {
        PollDialog dialog = new PollDialog(shell);
        if (dialog.open() != Window.OK) {
            return;
        }
        Poll poll = dialog.poll();
        // sending stores the message first: database work, which runs off the UI thread as every view's does
        new Background(ui, shell).run(() -> messages.send(new ConversationId(conversation), poll.text(),
                new MessageContent.Typed(Poll.TYPE, poll.data())), (sent, problem) -> {
                    if (problem != null) {
                        MessageDialog.openError(shell, "Start a poll", "The poll was not sent: " + problem);
                    }
                });
    }
}
