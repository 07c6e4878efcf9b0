package org.peerdesk.backup.ui;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.peerdesk.backup.Retention;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.WidgetIds;

/** Asks which snapshots of a set to keep; the others, and the chunks only they need, are then removed. */
final class PruneDialog extends Dialog {

    private static final int MOST = 1000;

    private final String set;
    private final int snapshots;
    private Spinner last;
    private Spinner daily;
    private Spinner weekly;
    private Label status;
    private Retention retention;

    PruneDialog(Shell parent, String set, int snapshots) {
        super(parent);
        this.set = set;
        this.snapshots = snapshots;
    }

    Retention retention() {
        return retention;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Prune '" + set + "'");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 10).applyTo(area);
        Notes.add(area, "'" + set + "' has " + snapshots + (snapshots == 1 ? " snapshot" : " snapshots") + ". Keep these, remove"
                + " the others, and free the holders' space that only they used:", 400);
        last = row(area, "The newest", 7, "prune.last");
        daily = row(area, "The last of each day, for days:", 14, "prune.daily");
        weekly = row(area, "The last of each week, for weeks:", 8, "prune.weekly");
        status = StatusLabels.create(area, "prune.status");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(status);
        return area;
    }

    private static Spinner row(Composite area, String label, int value, String id) {
        new Label(area, SWT.NONE).setText(label);
        Spinner spinner = WidgetIds.name(new Spinner(area, SWT.BORDER), id);
        spinner.setValues(value, 0, MOST, 0, 1, 10);
        return spinner;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Prune", true), "prune.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        Retention chosen = new Retention(last.getSelection(), daily.getSelection(), weekly.getSelection());
        if (!chosen.valid()) {
            status.setText("Keep at least one snapshot.");
            StatusLabels.fit(status);
            return;
        }
        retention = chosen;
        super.okPressed();
    }
}
