package org.peerdesk.transport.ui;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.NearbyPeers;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.WidgetIds;

/**
 * Adds a peer: paste an invite code, type a peer ID and address as ID@host:port, or choose one of the
 * peers heard on the local network (the list follows what is heard while the dialog is open).
 * Connecting runs in the background; the dialog says what went wrong and stays open, or closes on success.
 */
final class AddPeerDialog extends Dialog {

    private static final int HEARD_EVERY_MILLIS = 3000;

    private final Introductions introductions;
    private final java.util.Optional<NearbyPeers> nearby;
    private final UISynchronize ui;
    private Text target;
    private TableViewer heard;
    private Label heardSummary;
    private Label status;

    AddPeerDialog(Shell parent, Introductions introductions, java.util.Optional<NearbyPeers> nearby, UISynchronize ui) {
        super(parent);
        this.introductions = introductions;
        this.nearby = nearby;
        this.ui = ui;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add peer");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).applyTo(area);
        Notes.add(area, "Paste the invite code you were given, or a peer ID and address (ID@host:port):", 480);
        target = WidgetIds.name(new Text(area, SWT.BORDER | SWT.WRAP | SWT.MULTI), "addpeer.target");
        GridDataFactory.fillDefaults().grab(true, false).hint(480, 60).applyTo(target);
        if (nearby.isPresent()) {
            createHeard(area, nearby.get());
        }
        status = WidgetIds.name(Notes.add(area, "", 480), "addpeer.status");
        return area;
    }

    /** The peers heard nearby: choosing one puts its ID and address above; double-clicking one connects. */
    private void createHeard(Composite area, NearbyPeers peers) {
        heardSummary = WidgetIds.name(new Label(area, SWT.WRAP), "addpeer.heard.summary");
        GridDataFactory.fillDefaults().grab(true, false).hint(480, SWT.DEFAULT).indent(0, 8).applyTo(heardSummary);
        heard = Tables.create(area, "addpeer.heard");
        Tables.column(heard, NearbyPeers.Nearby.class, "Calls itself", 200, NearbyPeers.Nearby::name);
        Tables.column(heard, NearbyPeers.Nearby.class, "Address", 160, peer -> peer.addresses().get(0).toString());
        Tables.column(heard, NearbyPeers.Nearby.class, "Peer ID", 120, peer -> peer.id().shortForm());
        Tables.keyedBy(heard, NearbyPeers.Nearby.class, NearbyPeers.Nearby::id);
        GridDataFactory.fillDefaults().grab(true, true).hint(480, 110).applyTo(heard.getControl());
        heard.addSelectionChangedListener(event -> {
            NearbyPeers.Nearby chosen = Tables.selected(heard, NearbyPeers.Nearby.class);
            if (chosen != null) {
                target.setText(chosen.id() + "@" + chosen.addresses().get(0));
            }
        });
        heard.addDoubleClickListener(event -> okPressed());
        Background background = new Background(ui, heardSummary);
        Runnable listen = new Runnable() {
            @Override
            public void run() {
                if (heard.getControl().isDisposed()) {
                    return;
                }
                background.refresh(peers::nearby, (found, error) -> {
                    heard.setInput(found);
                    String summary = !peers.listening() ? "LAN discovery is off on this node, so it hears no peers nearby."
                            : found.isEmpty() ? "No other peers heard on this network yet (nodes announce themselves every 30 s)."
                            : "Or choose a peer heard on this network. Each name is what the peer calls itself: "
                                    + "check the ID with its owner.";
                    if (!summary.equals(heardSummary.getText())) {
                        heardSummary.setText(summary);
                        fit();
                    }
                });
                heard.getControl().getDisplay().timerExec(HEARD_EVERY_MILLIS, this);
            }
        };
        listen.run();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Connect", true), "addpeer.connect");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        CompletionStage<KnownPeer> adding;
        try {
            adding = start(target.getText().strip());
        } catch (InvalidInputException e) {
            show(e.getMessage());
            return;
        }
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        show("Connecting...");
        adding.whenComplete((peer, error) -> ui.asyncExec(() -> {
            if (getShell() == null || getShell().isDisposed()) {
                return;
            }
            if (error == null) {
                super.okPressed();
            } else {
                getButton(IDialogConstants.OK_ID).setEnabled(true);
                show(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause().getMessage() : error.getMessage());
            }
        }));
    }

    private CompletionStage<KnownPeer> start(String text) throws InvalidInputException {
        if (text.isEmpty()) {
            throw new InvalidInputException("Paste an invite code, or type ID@host:port.");
        }
        if (text.toUpperCase().startsWith("PD1")) {
            return introductions.accept(text);
        }
        int at = text.lastIndexOf('@');
        if (at <= 0) {
            throw new InvalidInputException("That is neither an invite code (PD1-...) nor ID@host:port.");
        }
        return introductions.add(PeerId.parse(text.substring(0, at)), PeerAddress.parse(text.substring(at + 1)));
    }

    private void show(String message) {
        status.setText(message);
        fit();
    }

    /** Lays the dialog out again for texts that changed, whose wrapped lines may need more room. */
    private void fit() {
        getShell().layout(true, true);
        getShell().pack();
    }
}
