package org.peerdesk.permissions.ui;

import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.WidgetIds;

/**
 * A dialog about one known peer that does its work when OK is pressed, in the background: it stays open
 * with the reason if the work fails, and closes with what the work came to if it succeeds.
 */
abstract class PeerDialog extends Dialog {

    private final List<KnownPeer> peers;
    private final UISynchronize ui;
    private Combo peer;
    private Label status;
    private String outcome;

    PeerDialog(Shell parent, List<KnownPeer> peers, UISynchronize ui) {
        super(parent);
        this.peers = peers;
        this.ui = ui;
    }

    /** The "Peer:" row, {@code chosen} selected (else the first). */
    void peerRow(Composite area, String id, Optional<PeerId> chosen) {
        new Label(area, SWT.NONE).setText("Peer:");
        peer = WidgetIds.name(new Combo(area, SWT.READ_ONLY), id);
        peer.setItems(peers.stream().map(KnownPeer::name).toArray(String[]::new));
        int preset = chosen.map(wanted -> peers.stream().map(KnownPeer::id).toList().indexOf(wanted)).orElse(0);
        if (!peers.isEmpty()) {
            peer.select(Math.max(preset, 0));
        }
        GridDataFactory.fillDefaults().grab(true, false).applyTo(peer);
    }

    /** The line under the fields that says what goes on or went wrong. */
    void statusRow(Composite area, String id) {
        status = WidgetIds.name(Notes.add(area, peers.isEmpty() ? "Add the peer first (Peers, Add peer...)." : "", 400), id);
    }

    /** The peer chosen, or empty (and the status says to choose one). */
    Optional<KnownPeer> chosenPeer() {
        if (peer.getSelectionIndex() < 0) {
            status.setText("Choose a peer.");
            return Optional.empty();
        }
        return Optional.of(peers.get(peer.getSelectionIndex()));
    }

    /** Runs {@code work} in the background, saying {@code working} meanwhile; closes with its outcome, or shows its error. */
    void submit(String working, Background.Work<String> work) {
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        status.setText(working);
        new Background(ui, status).run(work, (done, error) -> {
            getButton(IDialogConstants.OK_ID).setEnabled(true);
            if (error != null) {
                status.setText(error);
                status.getParent().layout(true);
                return;
            }
            outcome = done;
            super.okPressed();
        });
    }

    /** What happened, for the view's summary line, once the dialog closed with OK. */
    String outcome() {
        return outcome;
    }
}
