package org.peerdesk.app.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** Opens the Settings dialog (File, Settings...). */
public final class SettingsHandler {

    @Execute
    void open(@Named("activeShell") Shell shell, MApplication application) {
        new SettingsDialog(shell, application).open();
    }
}
