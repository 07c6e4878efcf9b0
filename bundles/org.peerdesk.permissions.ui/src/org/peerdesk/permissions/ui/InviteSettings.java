package org.peerdesk.permissions.ui;

import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Access: what accepting an invite gives both sides. */
public final class InviteSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PermissionService permissions;

    private Button messages;

    @PostConstruct
    void create(Composite section) {
        if (permissions == null) {
            SettingsRows.notRunning(section);
            return;
        }
        messages = SettingsRows.check(section, "Someone who accepts my invite and I may send each other messages",
                permissions.invitesGrantMessages(), "settings.invites.message");
        SettingsRows.note(section, "Files and backup space are never given by an invite: grant them in the Access view.");
    }

    @Override
    public Optional<String> apply() {
        return messages == null ? Optional.empty() : SettingsSection.saveIfChanged(permissions.invitesGrantMessages(),
                messages.getSelection(), permissions::setInvitesGrantMessages);
    }
}
