package org.peerdesk.messaging.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.ui.WidgetIds;

/** Picks whom to write to: one known peer, or for a group a title and several peers. */
final class PeerChooser extends Dialog {

    /** What the user chose. */
    record Choice(String title, List<PeerId> peers) {
    }

    private final List<KnownPeer> known;
    private final boolean group;
    private Text title;
    private Table peers;
    private Label problem;
    private Choice choice;

    PeerChooser(Shell parent, List<KnownPeer> known, boolean group) {
        super(parent);
        this.known = known;
        this.group = group;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(group ? "New group" : "New message");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        if (group) {
            new Label(area, SWT.NONE).setText("Group name:");
            title = WidgetIds.name(new Text(area, SWT.BORDER), "chooser.title");
            GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        }
        new Label(area, SWT.NONE).setText(group ? "Members:" : "Write to:");
        peers = WidgetIds.name(new Table(area, SWT.BORDER | SWT.V_SCROLL | (group ? SWT.CHECK | SWT.MULTI : SWT.SINGLE)), "chooser.peers");
        for (KnownPeer peer : known) {
            TableItem item = new TableItem(peers, SWT.NONE);
            item.setText(peer.name() + "  (" + peer.id().shortForm() + ")");
            item.setData(peer.id());
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 200).applyTo(peers);
        problem = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(problem);
        return area;
    }

    @Override
    protected void okPressed() {
        List<PeerId> chosen = new ArrayList<>();
        for (TableItem item : peers.getItems()) {
            if (group ? item.getChecked() : peers.isSelected(peers.indexOf(item))) {
                chosen.add((PeerId) item.getData());
            }
        }
        if (chosen.isEmpty()) {
            problem.setText(group ? "Tick at least one member." : "Choose a peer.");
            return;
        }
        if (group && title.getText().isBlank()) {
            problem.setText("Give the group a name.");
            return;
        }
        choice = new Choice(group ? title.getText().strip() : "", chosen);
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, group ? "Create" : "Write", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    Choice choice() {
        return choice;
    }
}
