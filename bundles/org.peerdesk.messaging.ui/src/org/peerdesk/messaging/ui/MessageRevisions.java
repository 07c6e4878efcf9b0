package org.peerdesk.messaging.ui;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.WidgetIds;

/**
 * Editing and deleting the user's own messages from the chat: the dialog that asks, and the change, made off the UI
 * thread; {@code say} gets what came of it.
 */
final class MessageRevisions {

    /** The most of the message's text the question to delete it quotes. */
    private static final int PREVIEW_CHARS = 200;

    private final MessageService messages;
    private final Background background;
    private final Consumer<String> say;

    MessageRevisions(MessageService messages, Background background, Consumer<String> say) {
        this.messages = messages;
        this.background = background;
        this.say = say;
    }

    void edit(Shell shell, Message message) {
        EditDialog dialog = new EditDialog(shell, message);
        if (dialog.open() != InputDialog.OK || dialog.getValue().equals(message.body())) {
            return;
        }
        String text = dialog.getValue();
        background.run(() -> messages.edit(message.id(), text), (edited, error) -> say.accept(error != null ? error
                : edited.reach().recipients() == 0 ? "Edited the message." : "Edited the message: the others see the new text once their nodes hear."));
    }

    void delete(Shell shell, Message message) {
        String line = MessageTexts.oneLine(message);
        String question = "Delete this message for everyone in the conversation?\n\n"
                + (line.length() <= PREVIEW_CHARS ? line : line.substring(0, PREVIEW_CHARS) + "…")
                + "\n\nEach of the others' nodes replaces it with a note that you deleted it once it hears. What they copied or"
                + " fetched from it stays with them.";
        if (new MessageDialog(shell, "Delete for everyone", null, question, MessageDialog.WARNING, 0, "Delete", "Cancel").open() != 0) {
            return;
        }
        background.run(() -> messages.delete(message.id()), (deleted, error) -> say.accept(error != null ? error : "Deleted the message."));
    }

    /** The message's text to change, on several lines; empty only where files came with it, and no longer than a message. */
    private static final class EditDialog extends InputDialog {

        EditDialog(Shell shell, Message message) {
            super(shell, "Edit message", "The others see the new text, marked edited.", message.body(), text -> problem(text, message));
        }

        @Override
        protected int getInputTextStyle() {
            return SWT.MULTI | SWT.BORDER | SWT.WRAP | SWT.V_SCROLL;
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Control area = super.createDialogArea(parent);
            WidgetIds.name(getText(), "chat.edit.text");
            ((GridData) getText().getLayoutData()).heightHint = convertHeightInCharsToPixels(6);
            return area;
        }

        private static String problem(String text, Message message) {
            if (text.isBlank() && message.attachments().isEmpty()) {
                return "Write the new text, or delete the message for everyone instead.";
            }
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            return bytes > MessageService.MAX_BODY_BYTES ? "The text is " + bytes + " bytes long; at most " + MessageService.MAX_BODY_BYTES
                    + " fit." : null;
        }
    }
}
