package org.peerdesk.messaging.ui;

import java.util.List;
import java.util.Locale;

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
import org.eclipse.swt.widgets.Text;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.ui.WidgetIds;

/**
 * Picks the conversation a message is forwarded to, saying what of the message goes along; what the user types above the
 * list keeps the conversations whose names hold it, any case, and Enter there forwards to the one left or selected.
 */
final class ForwardDialog extends Dialog {

    private final String line;
    private final String note;
    private final List<Conversation> conversations;
    private final Names names;
    private Text filter;
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
        filter = WidgetIds.name(new Text(area, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "forward.filter");
        filter.setMessage("Type a name to find the conversation");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filter);
        table = WidgetIds.name(new Table(area, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE), "forward.conversations");
        table.addListener(SWT.DefaultSelection, event -> okPressed());
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 200).applyTo(table);
        problem = WidgetIds.name(new Label(area, SWT.WRAP), "forward.problem");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(problem);
        filter.addModifyListener(event -> list());
        filter.addListener(SWT.DefaultSelection, event -> okPressed());
        list();
        return area;
    }

    /** Lists the conversations whose names hold what the filter holds; selects the one left, if one is. */
    private void list() {
        String wanted = filter.getText().strip().toLowerCase(Locale.ROOT);
        table.removeAll();
        for (Conversation conversation : conversations) {
            String name = names.of(conversation);
            if (name.toLowerCase(Locale.ROOT).contains(wanted)) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(name + (conversation.kind() == Conversation.Kind.GROUP ? "  (group)" : ""));
                item.setData(conversation);
            }
        }
        if (table.getItemCount() == 1) {
            table.select(0);
        }
        problem.setText(table.getItemCount() == 0 && !conversations.isEmpty() ? "No other conversation's name holds \u201c"
                + filter.getText().strip().replace("&", "&&") + "\u201d." : "");
    }

    @Override
    protected void okPressed() {
        if (table.getSelectionCount() == 0) {
            problem.setText(table.getItemCount() == 0 ? problem.getText() : "Choose the conversation to forward it to.");
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
