package org.peerdesk.messaging.ui;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.ui.WidgetIds;

/** Picks the conversation a message is forwarded to, saying what of the message goes along. */
final class ForwardDialog extends Dialog {

    private final String line;
    private final String note;
    private final List<Conversation> conversations;
    private final Names names;
    private Table table;
    private Label problem;
    private Conversation chosen;

    /**
     * For the message shown as {@code line}; {@code note} says what stays behind ("" for nothing); the user picks one of
     * {@code conversations}, named as {@code names} name them.
     */
    ForwardDialog(Shell parent, String line, String note, List<Conversation> conversations, Names names) {
        super(parent);
        this.line = line;
        this.note = note;
        this.conversations = conversations;
        this.names = names;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Forward");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        Label message = WidgetIds.name(new Label(area, SWT.WRAP), "forward.message");
        message.setText("\u201c" + line + "\u201d" + (note.isEmpty() ? "" : "\n\n" + note));
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(message);
        new Label(area, SWT.NONE).setText("Forward to:");
        table = WidgetIds.name(new Table(area, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE), "forward.conversations");
        for (Conversation conversation : conversations) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(names.of(conversation) + (conversation.kind() == Conversation.Kind.GROUP ? "  (group)" : ""));
            item.setData(conversation);
        }
        table.addListener(SWT.DefaultSelection, event -> okPressed());
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 200).applyTo(table);
        problem = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(problem);
        return area;
    }

    @Override
    protected void okPressed() {
        if (table.getSelectionCount() == 0) {
            problem.setText("Choose the conversation to forward it to.");
            return;
        }
        chosen = (Conversation) table.getSelection()[0].getData();
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Forward", true), "forward.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    Conversation chosen() {
        return chosen;
    }
}
