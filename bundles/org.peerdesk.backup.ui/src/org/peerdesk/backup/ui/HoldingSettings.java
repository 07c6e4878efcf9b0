package org.peerdesk.backup.ui;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Composite;
import org.peerdesk.backup.BackupService;
import org.peerdesk.ui.DaysSetting;
import org.peerdesk.ui.SettingsRows;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Backup: how long this node keeps what it holds for a peer whose grant ended, and what a peer deleted. */
public final class HoldingSettings extends DaysSetting {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    BackupService backups;

    @PostConstruct
    void create(Composite section) {
        if (backups == null) {
            SettingsRows.notRunning(section);
            return;
        }
        show(section, "Keep a peer's backup here", "days after its grant ends", "Time for the peer to move its backup"
                + " elsewhere once you no longer grant it store-backup; then what this node holds for it is removed.",
                "settings.backup.grace", backups::removalGrace, backups::setRemovalGrace);
        show(section, "Keep what a peer deletes of its backup", "days", "Out of its sight at once (and of its quota, up to the quota's size), it stays on this"
                + " disk that long: should the peer's machine be taken over (ransomware, a thief) and made to delete its backups,"
                + " a recovery from its phrase on another machine brings them back. 0 frees the space at once.",
                "settings.backup.deleted", backups::keepDeleted, backups::setKeepDeleted);
    }
}
