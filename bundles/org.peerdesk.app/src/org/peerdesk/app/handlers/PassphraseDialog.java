package org.peerdesk.app.handlers;

import java.util.Arrays;

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
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.WidgetIds;

/**
 * Sets, changes or removes the passphrase that encrypts this node's key on disk. Changing or
 * removing one takes the current passphrase first. Mistakes are said in the dialog, which stays open.
 */
final class PassphraseDialog extends Dialog {

    private final NodeIdentity identity;
    private final boolean protectedNow;
    private Text current;
    private Text chosen;
    private Text again;
    private Label status;
    private String outcome = "";

    PassphraseDialog(Shell parent, NodeIdentity identity, boolean protectedNow) {
        super(parent);
        this.identity = identity;
        this.protectedNow = protectedNow;
    }

    /** What the last OK did, for the user. */
    String outcome() {
        return outcome;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Key passphrase");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label explanation = wrapped(area, protectedNow
                ? "This node's key is protected by a passphrase, which Peerdesk asks for at each start. Enter it, then a new one;"
                        + " leave the new one empty to store the key unprotected."
                : "A passphrase encrypts this node's key on disk, so that a copy of the data directory cannot act as this node."
                        + " Peerdesk asks for it at each start (a headless node reads PEERDESK_PASSPHRASE). Without it the key"
                        + " cannot be opened: forget it and your peers must add this node again as a new one.");
        WidgetIds.name(explanation, "passphrase.explanation");
        if (protectedNow) {
            current = field(area, "Current passphrase:", "passphrase.current");
        }
        chosen = field(area, "New passphrase:", "passphrase.new");
        again = field(area, "The same again:", "passphrase.again");
        status = StatusLabels.create(area, "passphrase.status");
        GridDataFactory.createFrom((GridData) status.getLayoutData()).span(2, 1).applyTo(status);
        return area;
    }

    private static Label wrapped(Composite area, String text) {
        return Notes.add(area, text, 440);
    }

    private static Text field(Composite area, String label, String id) {
        new Label(area, SWT.NONE).setText(label);
        Text field = WidgetIds.name(new Text(area, SWT.BORDER | SWT.PASSWORD), id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(field);
        return field;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, protectedNow ? "Save" : "Protect the key", true), "passphrase.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        char[] first = chosen.getTextChars();
        char[] second = again.getTextChars();
        try {
            if (!Arrays.equals(first, second)) {
                refuse("The two new passphrases differ.", again);
            } else if (!protectedNow && first.length == 0) {
                refuse("Enter the passphrase to protect the key with.", chosen);
            } else if (change(first)) {
                outcome = first.length == 0 ? "This node's key is stored without a passphrase now."
                        : "This node's key is protected by the new passphrase; Peerdesk asks for it at the next start.";
                super.okPressed();
            }
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
        }
    }

    /** Protects the key with {@code passphrase} once the current one is proven; false when that failed (and says why). */
    private boolean change(char[] passphrase) {
        char[] toStore = passphrase.clone();
        char[] proof = protectedNow ? current.getTextChars() : null;
        String[] failure = {null};
        BusyIndicator.showWhile(getShell().getDisplay(), () -> {
            try {
                if (proof != null && !identity.isPassphrase(proof)) {
                    failure[0] = "That is not the current passphrase.";
                } else {
                    identity.protect(toStore);
                }
            } catch (IdentityException e) {
                failure[0] = e.getMessage();
            }
        });
        Arrays.fill(toStore, '\0');
        if (failure[0] != null) {
            refuse(failure[0], proof != null ? current : chosen);
            return false;
        }
        return true;
    }

    private void refuse(String reason, Text field) {
        status.setText(reason);
        StatusLabels.fit(status);
        field.selectAll();
        field.setFocus();
    }
}
