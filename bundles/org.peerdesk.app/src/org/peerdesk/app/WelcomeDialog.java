package org.peerdesk.app;

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
 * The first start's welcome: the name peers will know this node by (the one made up for it, to change) and,
 * if the user wants one, a passphrase for its key. "Later" leaves both as they are; the Peers view and the
 * overview go on saying what is left to do. Mistakes are said in the dialog, which stays open.
 */
final class WelcomeDialog extends Dialog {

    private static final int WIDTH = 460;

    private final NodeIdentity identity;
    private Text name;
    private Text passphrase;
    private Text again;
    private Label status;

    WelcomeDialog(Shell parent, NodeIdentity identity) {
        super(parent);
        this.identity = identity;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Welcome to Peerdesk");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        note(area, "Peerdesk connects you straight to the people you work with: no server in the middle, and nothing of yours"
                + " is shared until you grant it. First, this computer's node.");
        name = field(area, "Your name, as peers will see it:", "welcome.name", SWT.BORDER);
        name.setText(identity.displayName());
        if (unprotected()) { // a protected key's passphrase changes only with the current one: File, Key Passphrase...
            note(area, "A passphrase encrypts this node's key on disk, so that a copy of the data directory cannot act as this node;"
                    + " Peerdesk then asks for it at each start. Leave it empty for none (File, Key Passphrase... sets one later).");
            passphrase = field(area, "Passphrase (optional):", "welcome.passphrase", SWT.BORDER | SWT.PASSWORD);
            again = field(area, "The same again:", "welcome.again", SWT.BORDER | SWT.PASSWORD);
        }
        status = StatusLabels.create(area, "welcome.status");
        GridDataFactory.createFrom((GridData) status.getLayoutData()).span(2, 1).applyTo(status);
        note(area, "Then invite someone: Invite someone... in the Peers view gives you a code to send them. Replacing a computer"
                + " that was lost? Recover... in the Backups view brings its backups back from its 24-word recovery phrase.");
        name.selectAll();
        return area;
    }

    private boolean unprotected() {
        try {
            return !identity.passphraseProtected();
        } catch (IdentityException e) {
            return false; // unknown: offer nothing that would replace a passphrase
        }
    }

    private static void note(Composite area, String text) {
        Notes.add(area, text, WIDTH);
    }

    private static Text field(Composite area, String label, String id, int style) {
        new Label(area, SWT.NONE).setText(label);
        Text field = WidgetIds.name(new Text(area, style), id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(field);
        return field;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Start", true), "welcome.ok");
        WidgetIds.name(createButton(parent, IDialogConstants.CANCEL_ID, "Later", false), "welcome.later");
    }

    @Override
    protected void okPressed() {
        char[] first = passphrase == null ? new char[0] : passphrase.getTextChars();
        char[] second = again == null ? new char[0] : again.getTextChars();
        try {
            if (!Arrays.equals(first, second)) {
                refuse("The two passphrases differ.", again);
                return;
            }
            String chosenName = name.getText();
            String[] failure = {null};
            BusyIndicator.showWhile(getShell().getDisplay(), () -> {
                try {
                    identity.rename(chosenName);
                    if (first.length > 0) {
                        identity.protect(first.clone());
                    }
                } catch (IdentityException e) {
                    failure[0] = e.getMessage();
                }
            });
            if (failure[0] != null) {
                refuse(failure[0], identity.named() ? passphrase : name);
                return;
            }
            super.okPressed();
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
        }
    }

    private void refuse(String reason, Text field) {
        status.setText(reason);
        StatusLabels.fit(status);
        field.selectAll();
        field.setFocus();
    }
}
