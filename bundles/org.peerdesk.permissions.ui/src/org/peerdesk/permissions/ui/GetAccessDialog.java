package org.peerdesk.permissions.ui;

import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.ui.WidgetIds;

/**
 * Gets access to a resource on a peer: either ask its owner (rights and a note; the answer shows
 * in the Requests table), or prove knowing the password the owner gave (J-PAKE; the password does
 * not leave this machine). The dialog stays open with the reason when something is wrong.
 */
final class GetAccessDialog extends PeerDialog {

    private final AccessRequests requests;
    private final Optional<AccessAsk> asked;
    private Text resource;
    private Button withPassword;
    private Text rights;
    private Text note;
    private Text quota;
    private Text password;

    GetAccessDialog(Shell parent, List<KnownPeer> peers, Optional<AccessAsk> ask, AccessRequests requests, UISynchronize ui) {
        super(parent, peers, ui);
        this.asked = ask;
        this.requests = requests;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Get access");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        peerRow(area, "getaccess.peer", asked.map(AccessAsk::peer));
        resource = Forms.field(area, "Resource (share, share/path, messages, backup):", "getaccess.resource", SWT.BORDER);
        resource.setText(asked.map(AccessAsk::resource).orElse(""));
        Button ask = WidgetIds.name(new Button(area, SWT.RADIO), "getaccess.ask");
        ask.setText("Ask the owner");
        ask.setSelection(true);
        withPassword = WidgetIds.name(new Button(area, SWT.RADIO), "getaccess.withPassword");
        withPassword.setText("I have a password");
        rights = Forms.field(area, "Rights:", "getaccess.rights", SWT.BORDER);
        rights.setText(asked.map(AccessAsk::rights).orElse("read"));
        note = Forms.field(area, "Note to the owner:", "getaccess.note", SWT.BORDER);
        quota = Forms.quotaField(area, "Backup storage to ask for:", "getaccess.quota");
        password = Forms.field(area, "Password:", "getaccess.password", SWT.BORDER | SWT.PASSWORD);
        password.setEnabled(false);
        withPassword.addListener(SWT.Selection, event -> {
            boolean unlocking = withPassword.getSelection();
            password.setEnabled(unlocking);
            rights.setEnabled(!unlocking);
            note.setEnabled(!unlocking);
            quota.setEnabled(!unlocking);
        });
        statusRow(area, "getaccess.status");
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Send", true), "getaccess.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        Optional<KnownPeer> chosen = chosenPeer();
        if (chosen.isEmpty()) {
            return;
        }
        KnownPeer owner = chosen.get();
        String resourceText = resource.getText();
        boolean unlocking = withPassword.getSelection();
        String rightsText = rights.getText();
        String noteText = note.getText();
        String quotaText = quota.getText();
        char[] secret = password.getText().toCharArray();
        submit(unlocking ? "Proving the password to " + owner.name() + "..." : "Asking " + owner.name() + "...", () -> {
            Resource wanted = Resource.parse(resourceText);
            if (unlocking) {
                return owner.name() + " granted " + Right.format(requests.unlock(owner.id(), wanted, secret)) + " on " + wanted + ".";
            }
            requests.request(owner.id(), new GrantTerms(wanted, Right.parseAll(rightsText), Optional.empty(), Forms.quota(quotaText)),
                    noteText);
            return "Asked " + owner.name() + "; the answer will show under Requests.";
        });
    }
}
