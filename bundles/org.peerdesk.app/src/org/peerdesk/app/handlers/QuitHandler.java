package org.peerdesk.app.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.app.QuitCheck;

import jakarta.inject.Named;

/** Closes the workbench, which stops the node and releases the data directory; asks first while work runs. */
public final class QuitHandler {

    @Execute
    void quit(IWorkbench workbench, @Optional @Named("activeShell") Shell shell) {
        if (QuitCheck.confirmed(shell)) {
            workbench.close();
        }
    }
}
