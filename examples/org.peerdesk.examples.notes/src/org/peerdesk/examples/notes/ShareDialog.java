package org.peerdesk.examples.notes;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.ui.WidgetIds;

/** Chooses the peers a note is shared with, among the known ones: those ticked. */
final class ShareDialog extends Dialog {

    private final Note note;
    private final List<KnownPeer> peers;
    private final PeerId self;
    private Table table;
    private List<PeerId> chosen = List.of();

    ShareDialog(Shell parent, Note note, List<KnownPeer> peers, PeerId self) {
        super(parent);
        this.note = note;
        this.peers = peers.stream().filter(peer -> !peer.id().equals(self)).toList();
        this.self = self;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Share \"" + note.title() + "\"");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        Label about = new Label(area, SWT.WRAP);
        about.setText("The peers ticked write this note with you; each sees what the others type. One taken off keeps its copy"
                + " as it is then.");
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(about);
        table = WidgetIds.name(new Table(area, SWT.BORDER | SWT.CHECK | SWT.V_SCROLL), "notes.share.peers");
        for (KnownPeer peer : peers) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(peer.name());
            item.setData(peer.id());
            item.setChecked(note.isMember(peer.id()));
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 180).applyTo(table);
        if (peers.isEmpty()) {
            Label none = new Label(area, SWT.WRAP);
            none.setText("You know no peers yet: add one in the Peers view first.");
        }
        return area;
    }

    @Override
    protected void okPressed() {
        List<PeerId> ticked = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            if (item.getChecked()) {
                ticked.add((PeerId) item.getData());
            }
        }
        chosen = ticked;
        super.okPressed();
    }

    /** The peers ticked, this node aside. */
    List<PeerId> chosen() {
        return chosen.stream().filter(peer -> !peer.equals(self)).toList();
    }
}
