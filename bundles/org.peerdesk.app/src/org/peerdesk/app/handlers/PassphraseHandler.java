package org.peerdesk.app.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;

import jakarta.inject.Named;

/** Sets, changes or removes the passphrase of this node's key (File, Key passphrase...). */
public final class PassphraseHandler {

    @Execute
    void change(@Named("activeShell") Shell shell, @Service NodeIdentity identity) {
        PassphraseDialog dialog;
        try {
            dialog = new PassphraseDialog(shell, identity, identity.passphraseProtected());
        } catch (IdentityException e) {
            MessageDialog.openError(shell, "Key passphrase", e.getMessage());
            return;
        }
        if (dialog.open() == Window.OK) {
            MessageDialog.openInformation(shell, "Key passphrase", dialog.outcome());
        }
    }
}
