package org.peerdesk.messaging.ui;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.ui.WidgetIds;

/**
 * Asks where to write a conversation as text: a file, suggested in the user's home folder under the conversation's name,
 * typed or chosen with Browse.... Says what the file holds first. {@link #chosen()} is the file.
 */
final class ExportDialog extends Dialog {

    private final String conversation;
    private final Path suggested;
    private Text file;
    private Path chosen;

    /** {@code conversation} names it in a sentence ("your conversation with Ben"); {@code suggested} is the file offered. */
    ExportDialog(Shell shell, String conversation, Path suggested) {
        super(shell);
        this.conversation = conversation;
        this.suggested = suggested;
    }

    Path chosen() {
        return chosen;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Export Conversation");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label what = new Label(area, SWT.WRAP);
        what.setText("Writes " + conversation + " to a text file, as you read it here: each message with its time and author, and"
                + " the files that came with it named. Messages set to disappear are left out. A file already there is replaced only"
                + " once the new one is written whole.");
        GridDataFactory.fillDefaults().span(2, 1).hint(convertWidthInCharsToPixels(64), SWT.DEFAULT).applyTo(what);
        file = WidgetIds.name(new Text(area, SWT.BORDER), "export.file");
        file.setText(suggested.toString());
        file.addListener(SWT.Modify, event -> getButton(IDialogConstants.OK_ID).setEnabled(!file.getText().isBlank()));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(file);
        Button browse = new Button(area, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, event -> browse());
        return area;
    }

    private void browse() {
        FileDialog chooser = new FileDialog(getShell(), SWT.SAVE);
        chooser.setText("Export Conversation");
        Path current = Path.of(file.getText().strip()).toAbsolutePath();
        if (current.getParent() != null) {
            chooser.setFilterPath(current.getParent().toString());
        }
        chooser.setFileName(current.getFileName() == null ? suggested.getFileName().toString() : current.getFileName().toString());
        chooser.setOverwrite(true);
        String picked = chooser.open();
        if (picked != null) {
            file.setText(picked);
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Export", true), "export.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        chosen = Path.of(file.getText().strip()).toAbsolutePath().normalize();
        super.okPressed();
    }
}
