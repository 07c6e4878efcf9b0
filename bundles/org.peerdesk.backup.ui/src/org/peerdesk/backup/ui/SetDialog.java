package org.peerdesk.backup.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.backup.BackupService;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.ui.WidgetIds;

/** Asks for a new backup set: its name, folders, the peers that hold it, and how many copies. */
final class AddSetDialog extends TitleAreaDialog {

    /** What the user chose. */
    record Choice(String name, List<Path> folders, List<PeerId> holders, int copies) {
    }

    private final List<KnownPeer> peers;
    private Text name;
    private org.eclipse.swt.widgets.List folders;
    private Table holders;
    private Spinner copies;
    private Choice choice;

    AddSetDialog(Shell shell, List<KnownPeer> peers) {
        super(shell);
        this.peers = List.copyOf(peers);
    }

    Choice choice() {
        return choice;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Back up folders to peers");
        setMessage("Everything is encrypted here before it leaves; the holders see neither names nor contents.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        new Label(form, SWT.NONE).setText("Name:");
        name = WidgetIds.name(new Text(form, SWT.BORDER), "backup.add.name");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(name);
        new Label(form, SWT.NONE).setText("Folders:");
        folders = WidgetIds.name(new org.eclipse.swt.widgets.List(form, SWT.BORDER | SWT.V_SCROLL), "backup.add.folders");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 60).applyTo(folders);
        Button add = WidgetIds.name(new Button(form, SWT.PUSH), "backup.add.folder");
        add.setText("Add...");
        add.addListener(SWT.Selection, event -> addFolder());
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(add);
        new Label(form, SWT.NONE).setText("Holders:");
        holders = WidgetIds.name(new Table(form, SWT.BORDER | SWT.CHECK | SWT.V_SCROLL), "backup.add.holders");
        for (KnownPeer peer : peers) {
            TableItem item = new TableItem(holders, SWT.NONE);
            item.setText(peer.name() + "  (" + peer.id().shortForm() + ")");
            item.setData(peer.id());
        }
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(SWT.DEFAULT, 90).applyTo(holders);
        new Label(form, SWT.NONE).setText("Copies:");
        copies = WidgetIds.name(new Spinner(form, SWT.BORDER), "backup.add.copies");
        copies.setValues(BackupService.DEFAULT_COPIES, 1, BackupService.MAX_COPIES, 0, 1, 1);
        Label hint = new Label(form, SWT.WRAP);
        hint.setText("each chunk on this many holders (they must have granted you store-backup)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(hint);
        return area;
    }

    private void addFolder() {
        DirectoryDialog chooser = new DirectoryDialog(getShell());
        chooser.setText("Back up a folder");
        String folder = chooser.open();
        if (folder != null) {
            folders.add(folder);
            if (name.getText().isBlank()) {
                name.setText(Path.of(folder).getFileName() == null ? "backup" : Path.of(folder).getFileName().toString());
            }
        }
    }

    @Override
    protected void okPressed() {
        List<PeerId> chosen = new ArrayList<>();
        for (TableItem item : holders.getItems()) {
            if (item.getChecked()) {
                chosen.add((PeerId) item.getData());
            }
        }
        String problem = name.getText().isBlank() ? "Give the set a name."
                : folders.getItemCount() == 0 ? "Add at least one folder."
                : chosen.size() < copies.getSelection() ? "Tick at least " + copies.getSelection() + " holders, one per copy."
                : null;
        if (problem != null) {
            setErrorMessage(problem);
            return;
        }
        choice = new Choice(name.getText().strip(), List.of(folders.getItems()).stream().map(Path::of).toList(), chosen,
                copies.getSelection());
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Add", true), "backup.add.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
