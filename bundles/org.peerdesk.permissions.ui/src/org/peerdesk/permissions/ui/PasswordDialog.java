package org.peerdesk.permissions.ui;

import java.util.Optional;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.WidgetIds;

/**
 * Sets a password on a resource: whoever proves knowing it (J-PAKE; it never crosses the network)
 * gets the chosen rights. Mistakes are shown in the dialog, which stays open to correct them.
 */
final class PasswordDialog extends Dialog {

    private final PermissionService permissions;
    private Text resource;
    private Text rights;
    private Text password;
    private Text again;
    private Text quota;
    private Label status;

    PasswordDialog(Shell parent, PermissionService permissions) {
        super(parent);
        this.permissions = permissions;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Set a password");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        resource = Forms.field(area, "Resource (share, share/path, messages, backup):", "password.resource", SWT.BORDER);
        rights = Forms.field(area, "Rights it gives:", "password.rights", SWT.BORDER);
        rights.setText("read");
        password = Forms.field(area, "Password:", "password.password", SWT.BORDER | SWT.PASSWORD);
        again = Forms.field(area, "The same again:", "password.again", SWT.BORDER | SWT.PASSWORD);
        quota = Forms.quotaField(area, "Backup storage it gives:", "password.quota");
        status = WidgetIds.name(Notes.add(area,
                "Give the password to whoever should get in; they use Access, Get access..., or 'peerdesk unlock'.", 380), "password.status");
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Set password", true), "password.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        if (!password.getText().equals(again.getText())) {
            status.setText("The two passwords differ.");
            return;
        }
        String[] failure = {null};
        BusyIndicator.showWhile(getShell().getDisplay(), () -> {
            try {
                GrantTerms terms = new GrantTerms(Resource.parse(resource.getText()), Right.parseAll(rights.getText()), Optional.empty(),
                        Forms.quota(quota.getText()));
                permissions.setPassword(terms, password.getText().toCharArray());
            } catch (Exception e) {
                failure[0] = e.getMessage();
            }
        });
        if (failure[0] != null) {
            status.setText(failure[0]);
            status.getParent().layout(true);
            return;
        }
        super.okPressed();
    }
}
