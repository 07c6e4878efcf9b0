package org.peerdesk.files.ui;

import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.files.Conflict;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.WidgetIds;

/**
 * The two versions of a file in conflict, line by line: what only the original holds in red, what only the kept
 * copy holds in green, a few unchanged lines around each change. Its buttons make the choice, or close to decide later.
 */
final class CompareDialog extends Dialog {

    /** The "---" and "+++" lines that name the two versions. */
    private static final int HEADER_LINES = 2;
    private static final Color REMOVED = new Color(255, 225, 225);
    private static final Color ADDED = new Color(220, 245, 220);
    private static final Color HUNK = new Color(230, 235, 245);
    private static final List<Conflict.Choice> KEEPING = List.of(Conflict.Choice.KEEP_ORIGINAL, Conflict.Choice.KEEP_COPY,
            Conflict.Choice.KEEP_BOTH);

    private final Conflict conflict;
    private final String diff;
    /** The choices the dialog offers: keeping either version or both, and a merge where one is on offer. */
    private final List<Conflict.Choice> choices;
    private Conflict.Choice chosen;

    /** {@code diff} is the unified diff of the original against the copy ({@code SyncService.compare}). */
    CompareDialog(Shell parent, Conflict conflict, String diff) {
        super(parent);
        this.conflict = conflict;
        this.diff = diff;
        this.choices = conflict.merge().isEmpty() ? KEEPING
                : Stream.concat(KEEPING.stream(), Stream.of(Conflict.Choice.MERGE)).toList();
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    /** What the user chose, once the dialog is closed; null if they closed it to choose later. */
    Conflict.Choice chosen() {
        return chosen;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Compare " + conflict.path());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Notes.add(area, (diff.isEmpty() ? "The original and the kept copy have the same lines."
                : "- (red): only in the original, " + conflict.path() + ".\n+ (green): only in the kept copy, " + conflict.copy() + ".")
                + conflict.merge().map(merge -> "\nMerge: " + merge + ". The merge goes under the original's name; both versions go to"
                        + " the trash.").orElse(""), 640);
        StyledText text = WidgetIds.name(new StyledText(area, SWT.BORDER | SWT.READ_ONLY | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL),
                "compare.diff");
        text.setFont(JFaceResources.getTextFont());
        text.setText(diff);
        String[] lines = diff.split("\n", -1);
        for (int line = HEADER_LINES; line < lines.length; line++) {
            Color background = background(lines[line]);
            if (background != null) {
                text.setLineBackground(line, 1, background);
            }
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(720, 380).applyTo(text);
        return area;
    }

    private static Color background(String line) {
        return line.startsWith("@@") ? HUNK : line.startsWith("+") ? ADDED : line.startsWith("-") ? REMOVED : null;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        for (int i = 0; i < choices.size(); i++) {
            Button button = WidgetIds.name(createButton(parent, IDialogConstants.CLIENT_ID + i, SyncPart.label(choices.get(i)), false),
                    "compare." + choices.get(i).word());
            if (choices.get(i) == Conflict.Choice.MERGE) {
                button.setToolTipText(conflict.merge().orElseThrow());
            }
        }
        createButton(parent, IDialogConstants.CANCEL_ID, "Close", true);
    }

    @Override
    protected void buttonPressed(int id) {
        int choice = id - IDialogConstants.CLIENT_ID;
        if (choice >= 0 && choice < choices.size()) {
            chosen = choices.get(choice);
            setReturnCode(OK);
            close();
        } else {
            super.buttonPressed(id);
        }
    }
}
