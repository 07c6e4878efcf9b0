package org.peerdesk.permissions.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.IDialogConstants;
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
import org.peerdesk.ui.WidgetIds;

/**
 * Gives a peer access without waiting to be asked: a resource (a share, a folder in one, messages,
 * or backup), rights, an optional time limit and, for backup, how much storage it may use. The dialog stays open with the reason when the
 * grant cannot be given.
 */
final class GrantDialog extends PeerDialog {

    private final Optional<PeerId> chosen;
    private final PermissionService permissions;
    private Text resource;
    private Text rights;
    private Combo limit;
    private Text quota;

    /** {@code chosen}: the peer to grant to, picked already (from its menu in the Peers view). */
    GrantDialog(Shell parent, List<KnownPeer> peers, Optional<PeerId> chosen, PermissionService permissions, UISynchronize ui) {
        super(parent, peers, ui);
        this.chosen = chosen;
        this.permissions = permissions;
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
        peerRow(area, "grant.peer", chosen);
        resource = Forms.field(area, "Resource (share, share/path, messages, backup):", "grant.resource", SWT.BORDER);
        rights = Forms.field(area, "Rights (read, write, message, store-backup):", "grant.rights", SWT.BORDER);
        rights.setText("read");
        new Label(area, SWT.NONE).setText("For how long:");
        limit = TimeLimits.combo(area, "grant.limit");
        quota = Forms.quotaField(area, "Backup storage it may use:", "grant.quota");
        statusRow(area, "grant.status");
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Grant", true), "grant.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        Optional<KnownPeer> to = chosenPeer();
        if (to.isEmpty()) {
            return;
        }
        String resourceText = resource.getText();
        String rightsText = rights.getText();
        String quotaText = quota.getText();
        Optional<Instant> until = TimeLimits.chosen(limit).map(duration -> Instant.now().plus(duration));
        submit("Granting...", () -> {
            Resource what = Resource.parse(resourceText);
            Set<Right> given = Right.parseAll(rightsText);
            OptionalLong storage = Forms.quota(quotaText);
            permissions.grant(to.get().id(), new GrantTerms(what, given, until, storage), Grant.Origin.GRANTED);
            return "Granted " + Right.format(given) + " on " + what + AccessRows.storage(storage) + " to " + to.get().name() + ".";
        });
    }
}
