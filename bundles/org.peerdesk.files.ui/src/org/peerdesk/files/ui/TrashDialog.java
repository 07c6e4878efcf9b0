package org.peerdesk.files.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.TrashedFile;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.WidgetIds;

/**
 * What a share's trash keeps (what peers deleted or replaced there), newest first, and a button that puts the
 * selected file back where it was; what is there now takes its place in the trash.
 */
final class TrashDialog extends Dialog {

    private static final int PUT_BACK = IDialogConstants.CLIENT_ID + 1;
    private static final DateTimeFormatter CHANGED = DateTimeFormatter.ofPattern("MMM d, HH:mm").withZone(ZoneId.systemDefault());

    private final String share;
    private final SyncService sync;
    private final UISynchronize ui;
    private TableViewer files;
    private Label status;
    private Background background;

    TrashDialog(Shell parent, String share, SyncService sync, UISynchronize ui) {
        super(parent);
        this.share = share;
        this.sync = sync;
        this.ui = ui;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Trash of '" + share + "'");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        status = StatusLabels.create(area, "trash.status");
        files = Tables.create(area, "trash.table");
        Tables.column(files, TrashedFile.class, "File", 260, TrashedFile::path);
        Tables.column(files, TrashedFile.class, "Trashed on", 90, file -> file.day().toString());
        Tables.column(files, TrashedFile.class, "Size", 70, file -> ByteSizes.format(file.size()));
        Tables.column(files, TrashedFile.class, "Changed", 100, file -> CHANGED.format(file.modified()));
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 260).applyTo(files.getControl());
        files.addSelectionChangedListener(event -> getButton(PUT_BACK).setEnabled(Tables.selected(files, TrashedFile.class) != null));
        files.addOpenListener(event -> putBack());
        background = new Background(ui, status);
        refresh("");
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button putBack = WidgetIds.name(createButton(parent, PUT_BACK, "Put back", false), "trash.putBack");
        putBack.setToolTipText("Put the selected file back where it was; peers that sync the share get it back too");
        putBack.setEnabled(false);
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == PUT_BACK) {
            putBack();
        } else {
            close();
        }
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    private void putBack() {
        TrashedFile file = Tables.selected(files, TrashedFile.class);
        if (file == null) {
            return;
        }
        background.run(() -> sync.restoreFromTrash(share, file.day(), file.kept()),
                (path, error) -> refresh(error != null ? error + " " : "Put back '" + path + "'; what was there is in the trash now. "));
    }

    /** Reads the trash again, and says {@code told} before what it holds. */
    private void refresh(String told) {
        background.refresh(() -> sync.trash(share), (kept, error) -> {
            if (error != null) {
                status.setText(told + "The trash cannot be read: " + error);
                return;
            }
            files.setInput(kept);
            status.setText(told + (kept.isEmpty() ? "The trash is empty: nothing a peer deleted or replaced is kept here."
                    : Counts.of(kept.size(), "file") + (kept.size() == SyncService.TRASH_LISTED ? " (the newest; older ones are left out)" : "")
                            + " that peers deleted or replaced in '" + share + "', or set aside here. Select one to put it back where it was."));
            StatusLabels.fit(status);
        });
    }
}
