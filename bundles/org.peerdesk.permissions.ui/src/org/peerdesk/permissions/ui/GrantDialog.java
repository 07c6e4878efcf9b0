package org.peerdesk.permissions.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.WidgetIds;

/**
 * Gives a peer access without waiting to be asked: a resource (a share, a folder in one, messages,
 * or backup), rights and an optional time limit. The dialog stays open with the reason when the
 * grant cannot be given.
 */
final class GrantDialog extends Dialog {

    private final List<KnownPeer> peers;
    private final Optional<PeerId> chosen;
    private final PermissionService permissions;
    private final UISynchronize ui;
    private Combo peer;
    private Text resource;
    private Text rights;
    private Combo limit;
    private Label status;
    private String outcome;

    /** {@code chosen}: the peer to grant to, picked already (from its menu in the Peers view). */
    GrantDialog(Shell parent, List<KnownPeer> peers, Optional<PeerId> chosen, PermissionService permissions, UISynchronize ui) {
        super(parent);
        this.peers = peers;
        this.chosen = chosen;
        this.permissions = permissions;
        this.ui = ui;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Grant access");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        new Label(area, SWT.NONE).setText("Peer:");
        peer = WidgetIds.name(new Combo(area, SWT.READ_ONLY), "grant.peer");
        peer.setItems(peers.stream().map(KnownPeer::name).toArray(String[]::new));
        int preset = chosen.map(id -> peers.stream().map(KnownPeer::id).toList().indexOf(id)).orElse(0);
        if (!peers.isEmpty()) {
            peer.select(Math.max(preset, 0));
        }
        GridDataFactory.fillDefaults().grab(true, false).applyTo(peer);
        resource = Forms.field(area, "Resource (share, share/path, messages, backup):", "grant.resource", SWT.BORDER);
        rights = Forms.field(area, "Rights (read, write, message, store-backup):", "grant.rights", SWT.BORDER);
        rights.setText("read");
        new Label(area, SWT.NONE).setText("For how long:");
        limit = TimeLimits.combo(area, "grant.limit");
        status = WidgetIds.name(new Label(area, SWT.WRAP), "grant.status");
        status.setText(peers.isEmpty() ? "Add the peer first (Peers, Add peer...)." : "");
        GridDataFactory.fillDefaults().span(2, 1).hint(400, SWT.DEFAULT).applyTo(status);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Grant", true), "grant.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        if (peer.getSelectionIndex() < 0) {
            status.setText("Choose a peer.");
            return;
        }
        KnownPeer to = peers.get(peer.getSelectionIndex());
        String resourceText = resource.getText();
        String rightsText = rights.getText();
        Optional<Instant> until = TimeLimits.chosen(limit).map(duration -> Instant.now().plus(duration));
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        new Background(ui, status).run(() -> {
            Resource what = Resource.parse(resourceText);
            Set<Right> given = Right.parseAll(rightsText);
            permissions.grant(to.id(), new GrantTerms(what, given, until, OptionalLong.empty()), Grant.Origin.GRANTED);
            return "Granted " + Right.format(given) + " on " + what + " to " + to.name() + ".";
        }, (done, error) -> {
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

    /** What was granted, for the view's summary line, once the dialog closed with OK. */
    String outcome() {
        return outcome;
    }
}
