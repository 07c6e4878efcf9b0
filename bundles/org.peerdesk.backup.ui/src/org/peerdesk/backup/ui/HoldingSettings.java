package org.peerdesk.backup.ui;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Backup: how long this node keeps what it holds for a peer whose grant ended. */
public final class HoldingSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    BackupService backups;

    private Spinner days;
    private long current;

    @PostConstruct
    void create(Composite section) {
        if (backups == null) {
            SettingsRows.notRunning(section);
            return;
        }
        try {
            current = backups.removalGrace().toDays();
        } catch (BackupException e) {
            SettingsRows.note(section, "The setting cannot be read: " + e.getMessage());
            return;
        }
        days = SettingsRows.days(section, "Keep a peer's backup here", current, "days after its grant ends", "settings.backup.grace");
        SettingsRows.note(section, "Time for the peer to move its backup elsewhere once you no longer grant it store-backup;"
                + " then what this node holds for it is removed.");
    }

    @Override
    public Optional<String> apply() {
        if (days == null || days.getSelection() == current) {
            return Optional.empty();
        }
        try {
            backups.setRemovalGrace(Duration.ofDays(days.getSelection()));
            current = days.getSelection();
            return Optional.empty();
        } catch (BackupException e) {
            return Optional.of(e.getMessage());
        }
    }
}
