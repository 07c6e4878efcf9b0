package org.peerdesk.app;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeyLock;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.WidgetIds;

/**
 * Asks for the passphrase of the node's key before the node starts, and checks it: a wrong one is
 * said in the dialog, which stays open for another try. Quit ends the app.
 */
final class UnlockDialog extends Dialog {

    static final String TITLE = "Unlock Peerdesk";

    private final KeyLock lock;
    private final Path dataDirectory;
    private Text passphrase;
    private Label status;

    UnlockDialog(KeyLock lock, Path dataDirectory) {
        super((Shell) null);
        this.lock = lock;
        this.dataDirectory = dataDirectory;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label explanation = new Label(area, SWT.WRAP);
        explanation.setText("This node's key is protected by a passphrase. Enter it to start Peerdesk with the data in "
                + dataDirectory + ".");
        GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).applyTo(explanation);
        new Label(area, SWT.NONE).setText("Passphrase:");
        passphrase = WidgetIds.name(new Text(area, SWT.BORDER | SWT.PASSWORD), "unlock.passphrase");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(passphrase);
        status = StatusLabels.create(area, "unlock.status");
        GridDataFactory.createFrom((GridData) status.getLayoutData()).span(2, 1).applyTo(status);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Unlock", true), "unlock.ok");
        WidgetIds.name(createButton(parent, IDialogConstants.CANCEL_ID, "Quit", false), "unlock.quit");
    }

    @Override
    protected void okPressed() {
        char[] typed = passphrase.getTextChars();
        IdentityException[] refused = {null};
        BusyIndicator.showWhile(getShell().getDisplay(), () -> {
            try {
                lock.unlock(dataDirectory, typed);
            } catch (IdentityException e) {
                refused[0] = e;
            }
        });
        if (refused[0] != null) {
            status.setText(refused[0].getMessage());
            StatusLabels.fit(status);
            passphrase.selectAll();
            passphrase.setFocus();
            return;
        }
        super.okPressed();
    }
}
