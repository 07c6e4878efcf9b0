package org.peerdesk.ui;

import java.util.Arrays;
import java.util.Optional;

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
import org.peerdesk.core.PeerdeskException;

/**
 * Asks for the passphrase of this node's key and checks it before it closes: a wrong one is said in
 * the dialog, which stays open for another try. What was typed is cleared once checked.
 */
public final class PassphrasePrompt extends Dialog {

    /** Checks a passphrase: empty when it is right, else what to tell the user. */
    public interface Check {
        Optional<String> refusal(char[] passphrase) throws PeerdeskException;
    }

    /** What the prompt says and its two buttons' labels. */
    public record Wording(String title, String explanation, String proceed, String giveUp) {
    }

    private final Wording wording;
    private final Check check;
    private Text passphrase;
    private Label status;

    public PassphrasePrompt(Shell parent, Wording wording, Check check) {
        super(parent);
        this.wording = wording;
        this.check = check;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(wording.title());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Notes.add(area, wording.explanation(), 420);
        new Label(area, SWT.NONE).setText("Passphrase:");
        passphrase = WidgetIds.name(new Text(area, SWT.BORDER | SWT.PASSWORD), "prompt.passphrase");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(passphrase);
        status = StatusLabels.create(area, "prompt.status");
        GridDataFactory.createFrom((GridData) status.getLayoutData()).span(2, 1).applyTo(status);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, wording.proceed(), true), "prompt.ok");
        WidgetIds.name(createButton(parent, IDialogConstants.CANCEL_ID, wording.giveUp(), false), "prompt.cancel");
    }

    @Override
    protected void okPressed() {
        char[] typed = passphrase.getTextChars();
        String[] refusal = {null};
        BusyIndicator.showWhile(getShell().getDisplay(), () -> {
            try {
                refusal[0] = check.refusal(typed).orElse(null);
            } catch (PeerdeskException e) {
                refusal[0] = e.getMessage();
            } finally {
                Arrays.fill(typed, '\0');
            }
        });
        if (refusal[0] != null) {
            status.setText(refusal[0]);
            StatusLabels.fit(status);
            passphrase.selectAll();
            passphrase.setFocus();
            return;
        }
        super.okPressed();
    }
}
