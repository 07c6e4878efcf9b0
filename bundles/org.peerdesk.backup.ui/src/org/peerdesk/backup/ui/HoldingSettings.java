package org.peerdesk.backup.ui;

import java.time.Duration;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Composite;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.ui.DaysSetting;
import org.peerdesk.ui.SettingsRows;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Backup: how long this node keeps what it holds for a peer whose grant ended. */
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
                "settings.backup.grace");
    }

    @Override
    protected Duration read() throws BackupException {
        return backups.removalGrace();
    }

    @Override
    protected void write(Duration period) throws BackupException {
        backups.setRemovalGrace(period);
    }
}
