package org.peerdesk.app.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Desktop: whether Peerdesk starts with the user's session, so that it works while they do. */
public final class DesktopSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    NodeStartup node;

    private LoginStart login;
    private Button atLogin;
    private boolean current;

    @PostConstruct
    void create(Composite section) {
        atLogin = WidgetIds.name(new Button(section, SWT.CHECK), "settings.login");
        atLogin.setText("Start Peerdesk when I log in");
        Optional<Path> launcher = LoginStart.launcher();
        if (node == null || launcher.isEmpty()) {
            atLogin.setEnabled(false);
            SettingsRows.note(section, "Only Peerdesk started by its launcher (./peerdesk) can start itself when you log in.");
            return;
        }
        login = new LoginStart(LoginStart.autostartFolder(), launcher.get(), node.directory().path());
        try {
            current = login.enabled();
        } catch (IOException e) {
            SettingsRows.note(section, "Whether it does cannot be read: " + e.getMessage());
        }
        atLogin.setSelection(current);
        SettingsRows.note(section, "Scheduled backups, syncing, and messages held by your mailbox come in only while Peerdesk runs."
                + " Started with your session, it opens on " + node.directory() + ".");
    }

    @Override
    public Optional<String> apply() {
        if (login == null || atLogin.getSelection() == current) {
            return Optional.empty();
        }
        try {
            if (atLogin.getSelection()) {
                login.enable();
            } else {
                login.disable();
            }
            current = atLogin.getSelection();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Cannot change the session's autostart entry: " + e.getMessage());
        }
    }
}
