package org.peerdesk.app.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.storage.NodeStartup;

import jakarta.inject.Named;

/** Opens the About dialog. */
public final class AboutHandler {

    @Execute
    void about(@Named("activeShell") Shell shell, @Optional NodeStartup node) {
        new AboutDialog(shell, node).open();
    }
}
