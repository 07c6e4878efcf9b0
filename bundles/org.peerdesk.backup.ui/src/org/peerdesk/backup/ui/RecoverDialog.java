package org.peerdesk.backup.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.eclipse.e4.ui.di.UISynchronize;
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
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.WidgetIds;

/**
 * Takes the recovery phrase on a new node, and the recovery file if the user has one, and checks the words before
 * the recovery starts: a mistyped word (or a file that cannot be read) is named in the dialog, which keeps what was
 * typed for the correction.
 */
final class RecoverDialog extends Dialog {

    private static final long MOST_FILE_BYTES = 1 << 20;

    private final BackupService backups;
    private final UISynchronize ui;
    private Text words;
    private Text file;
    private Label status;
    private String phrase = "";
    private Optional<String> recoveryFile = Optional.empty();

    RecoverDialog(Shell parent, BackupService backups, UISynchronize ui) {
        super(parent);
        this.backups = backups;
        this.ui = ui;
    }

    /** The phrase entered, once OK was pressed. */
    String phrase() {
        return phrase;
    }

    /** The text of the recovery file chosen, once OK was pressed; empty where none was. */
    Optional<String> recoveryFile() {
        return recoveryFile;
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
                + " network, give the recovery file saved with the phrase, or connect to a holder first (Peers, Add peer...).", 480);
        words = WidgetIds.name(new Text(area, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), "recover.words");
        GridDataFactory.fillDefaults().grab(true, true).hint(480, 90).applyTo(words);
        Composite fileRow = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(fileRow);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(fileRow);
        new Label(fileRow, SWT.NONE).setText("Recovery file (optional):");
        file = WidgetIds.name(new Text(fileRow, SWT.BORDER), "recover.file");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(file);
        Button choose = WidgetIds.name(new Button(fileRow, SWT.PUSH), "recover.file.choose");
        choose.setText("Choose...");
        choose.addListener(SWT.Selection, event -> chooseFile());
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

    private void chooseFile() {
        FileDialog chooser = new FileDialog(getShell(), SWT.OPEN);
        chooser.setText("The recovery file saved with the phrase");
        String chosen = chooser.open();
        if (chosen != null) {
            file.setText(chosen);
        }
    }

    @Override
    protected void okPressed() {
        String typed = words.getText();
        try {
            backups.checkRecoveryPhrase(typed);
        } catch (BackupException e) {
            refuse(e.getMessage(), words);
            return;
        }
        String path = file.getText().strip();
        if (path.isEmpty()) {
            phrase = typed;
            super.okPressed();
            return;
        }
        Button ok = getButton(IDialogConstants.OK_ID);
        ok.setEnabled(false); // the file is read off the UI thread: a slow disk or a network folder does not hold the window
        new Background(ui, getShell()).run(() -> readRecoveryFile(path), (text, problem) -> {
            ok.setEnabled(true);
            if (problem != null) {
                refuse(problem, file);
                return;
            }
            recoveryFile = Optional.of(text);
            phrase = typed;
            super.okPressed();
        });
    }

    /** The recovery file's text; refused, saying why, where it is too large to be one or cannot be read. */
    private static String readRecoveryFile(String path) throws InvalidInputException {
        try {
            Path chosen = Path.of(path);
            if (Files.size(chosen) > MOST_FILE_BYTES) {
                throw new InvalidInputException(path + " is too large to be a recovery file.");
            }
            return Files.readString(chosen);
        } catch (IOException | InvalidPathException e) {
            throw new InvalidInputException("The recovery file cannot be read: " + (e instanceof IOException io ? IoMessages.of(io) : e.getMessage()));
        }
    }

    private void refuse(String reason, Text field) {
        status.setText(reason);
        StatusLabels.fit(status);
        field.setFocus();
    }
}
