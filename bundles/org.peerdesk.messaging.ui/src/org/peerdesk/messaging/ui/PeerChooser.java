package org.peerdesk.messaging.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

/** Picks whom to write to: one known peer; for a new group a title and several peers; or the members of a group. */
final class PeerChooser extends Dialog {

    /** What the user chose. */
    record Choice(String title, List<PeerId> peers) {
    }

    private final List<KnownPeer> known;
    private final boolean group;
    /** The title of the group whose members are chosen, and its members now; empty when a conversation starts. */
    private final Optional<String> editing;
    private final Set<PeerId> members;
    private Text title;
    private Table peers;
    private Label problem;
    private Choice choice;

    PeerChooser(Shell parent, List<KnownPeer> known, boolean group) {
        this(parent, known, group, Optional.empty(), Set.of());
    }

    private PeerChooser(Shell parent, List<KnownPeer> known, boolean group, Optional<String> editing, Set<PeerId> members) {
        super(parent);
        this.known = known;
        this.group = group;
        this.editing = editing;
        this.members = members;
    }

    /** Changes the name and members of the group called {@code title}: the known peers, its {@code members} ticked. */
    static PeerChooser members(Shell parent, List<KnownPeer> known, String title, Set<PeerId> members) {
        return new PeerChooser(parent, known, true, Optional.of(title), members);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(editing.map(name -> "Members of \"" + name + "\"").orElse(group ? "New group" : "New message"));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        if (group) {
            new Label(area, SWT.NONE).setText("Group name:");
            title = WidgetIds.name(new Text(area, SWT.BORDER), "chooser.title");
            editing.ifPresent(title::setText);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        }
        new Label(area, SWT.NONE).setText(group ? "Members:" : "Write to:");
        peers = WidgetIds.name(new Table(area, SWT.BORDER | SWT.V_SCROLL | (group ? SWT.CHECK | SWT.MULTI : SWT.SINGLE)), "chooser.peers");
        for (KnownPeer peer : known) {
            TableItem item = new TableItem(peers, SWT.NONE);
            item.setText(peer.name() + "  (" + peer.id().shortForm() + ")");
            item.setData(peer.id());
            item.setChecked(members.contains(peer.id()));
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
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, editing.isPresent() ? "Save" : group ? "Create" : "Write", true),
                "chooser.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    Choice choice() {
        return choice;
    }
}
