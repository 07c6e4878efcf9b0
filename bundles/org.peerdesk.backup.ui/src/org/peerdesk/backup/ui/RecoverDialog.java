package org.peerdesk.backup.ui;

import java.util.Arrays;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.WidgetIds;

/**
 * Takes the recovery phrase on a new node, and checks its words before the recovery starts: a
 * mistyped word is named in the dialog, which keeps what was typed for the correction.
 */
final class RecoverDialog extends Dialog {

    private final BackupService backups;
    private Text words;
    private Label status;
    private String phrase = "";

    RecoverDialog(Shell parent, BackupService backups) {
        super(parent);
        this.backups = backups;
    }

    /** The phrase entered, once OK was pressed. */
    String phrase() {
        return phrase;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Recover backups");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).applyTo(area);
        Notes.add(area, "Bring back the backups of a machine that was lost: enter the 24 words of its recovery phrase. Peerdesk"
                + " asks the peers this node is connected to and those it hears on the local network, finds the other holders"
                + " through them and takes over every backup set; restore their files afterwards. Where no holder is on this"
                + " network, connect to one first (Peers, Add peer...).", 480);
        words = WidgetIds.name(new Text(area, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), "recover.words");
        GridDataFactory.fillDefaults().grab(true, true).hint(480, 90).applyTo(words);
        status = StatusLabels.create(area, "recover.status");
        words.addListener(SWT.Modify, event -> {
            long count = Arrays.stream(words.getText().strip().split("[\\s,.;:-]+")).filter(word -> !word.isEmpty()).count();
            status.setText(count + " of " + BackupService.RECOVERY_PHRASE_WORDS + " words");
        });
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Recover", true), "recover.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        String typed = words.getText();
        try {
            backups.checkRecoveryPhrase(typed);
        } catch (BackupException e) {
            status.setText(e.getMessage());
            StatusLabels.fit(status);
            words.setFocus();
            return;
        }
        phrase = typed;
        super.okPressed();
    }
}
