package org.peerdesk.backup.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.core.IoMessages;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.WidgetIds;

/**
 * Shows the recovery phrase as numbered words to write down. Until the user has said they wrote it
 * down, it asks them to tick that they did; OK then means "written down", and Later leaves the
 * reminder in the Backups view. Where there are sets, it saves the recovery file that names their holders.
 */
final class RecoveryPhraseDialog extends Dialog {

    private static final int COLUMNS = 4;

    private final List<String> words;
    private final boolean noted;
    private final Optional<String> recoveryFile;
    /** Told once the recovery file is saved, so that the node knows which holders the kept file names. */
    private final Runnable fileKept;
    private final UISynchronize ui;
    private Button writtenDown;
    private Label saved;

    /** {@code recoveryFile}: the file's text, where there are holders to name. */
    RecoveryPhraseDialog(Shell parent, String phrase, boolean noted, Optional<String> recoveryFile, Runnable fileKept, UISynchronize ui) {
        super(parent);
        this.ui = ui;
        this.words = List.of(phrase.strip().split("\\s+"));
        this.noted = noted;
        this.recoveryFile = recoveryFile;
        this.fileKept = fileKept;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Recovery phrase");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).spacing(8, 10).applyTo(area);
        wrapped(area, "These " + words.size() + " words bring back every backup set of this node on a new machine, should this"
                + " one be lost or break. Write them down in order, on paper, and keep them away from this machine. Whoever has"
                + " them can restore your backups: show them to nobody.");
        Composite grid = WidgetIds.name(new Composite(area, SWT.BORDER), "phrase.words");
        GridLayoutFactory.swtDefaults().numColumns(COLUMNS).margins(14, 10).spacing(28, 6).equalWidth(true).applyTo(grid);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(grid);
        int rows = (words.size() + COLUMNS - 1) / COLUMNS;
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                int index = column * rows + row; // numbered down each column, as people write a list
                Label word = new Label(grid, SWT.NONE);
                word.setFont(JFaceResources.getTextFont());
                word.setText(index < words.size() ? String.format("%2d  %s", index + 1, words.get(index)) : "");
                WidgetIds.name(word, "phrase.word." + (index + 1));
            }
        }
        wrapped(area, "On a new machine: start Peerdesk, then Backups, Recover..., and enter these words; the peers that held"
                + " your backups are found on the local network. For holders on other networks, save the recovery file too and"
                + " keep it with the words: it names them, and only these words open it.");
        if (recoveryFile.isPresent()) {
            Composite fileRow = new Composite(area, SWT.NONE);
            GridLayoutFactory.fillDefaults().numColumns(2).applyTo(fileRow);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(fileRow);
            Button save = WidgetIds.name(new Button(fileRow, SWT.PUSH), "phrase.file");
            save.setText("Save recovery file...");
            save.addListener(SWT.Selection, event -> saveRecoveryFile());
            saved = WidgetIds.name(new Label(fileRow, SWT.WRAP), "phrase.file.status");
            GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(360, SWT.DEFAULT).applyTo(saved);
        }
        if (!noted) {
            writtenDown = WidgetIds.name(new Button(area, SWT.CHECK), "phrase.noted");
            writtenDown.setText("I have written these words down, away from this machine");
            writtenDown.addListener(SWT.Selection, event -> getButton(IDialogConstants.OK_ID).setEnabled(writtenDown.getSelection()));
        }
        return area;
    }

    private void saveRecoveryFile() {
        FileDialog chooser = new FileDialog(getShell(), SWT.SAVE);
        chooser.setText("Save the recovery file");
        chooser.setFileName("peerdesk-recovery.txt");
        chooser.setOverwrite(true);
        String chosen = chooser.open();
        if (chosen == null) {
            return;
        }
        saved.setText("Saving...");
        new Background(ui, saved).run(() -> { // off the UI thread: a slow disk or a network folder does not hold the window
            try {
                Files.writeString(Path.of(chosen), recoveryFile.orElseThrow());
                return chosen;
            } catch (IOException e) {
                throw new IOException(IoMessages.of(e), e);
            }
        }, (written, problem) -> {
            saved.setText(problem != null ? "Not saved: " + problem : "Saved in " + written + ".");
            if (problem == null) {
                fileKept.run();
            }
            saved.getParent().layout(true);
        });
    }

    private static void wrapped(Composite parent, String text) {
        Notes.add(parent, text, 520);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        if (noted) {
            WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true), "phrase.ok");
            return;
        }
        Button done = WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Done", true), "phrase.ok");
        done.setEnabled(false);
        WidgetIds.name(createButton(parent, IDialogConstants.CANCEL_ID, "Later", false), "phrase.later");
    }
}
