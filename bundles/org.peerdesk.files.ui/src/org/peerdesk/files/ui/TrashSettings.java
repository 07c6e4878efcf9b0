package org.peerdesk.files.ui;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.SyncService;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Files: how long a share's trash keeps what peers deleted or replaced. */
public final class TrashSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    SyncService sync;

    private Spinner days;
    private long current;

    @PostConstruct
    void create(Composite section) {
        if (sync == null) {
            SettingsRows.notRunning(section);
            return;
        }
        try {
            current = sync.trashKeep().toDays();
        } catch (FilesException e) {
            SettingsRows.note(section, "The setting cannot be read: " + e.getMessage());
            return;
        }
        days = SettingsRows.days(section, "Keep deleted or replaced files", current, "days", "settings.files.trash");
        SettingsRows.note(section, "What a peer deletes or replaces in a synced share waits in the share's .peerdesk/trash"
                + " folder that long, in case it is wanted back.");
    }

    @Override
    public Optional<String> apply() {
        if (days == null || days.getSelection() == current) {
            return Optional.empty();
        }
        try {
            sync.setTrashKeep(Duration.ofDays(days.getSelection()));
            current = days.getSelection();
            return Optional.empty();
        } catch (FilesException e) {
            return Optional.of(e.getMessage());
        }
    }
}
