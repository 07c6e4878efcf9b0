package org.peerdesk.files.ui;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Composite;
import org.peerdesk.files.SyncService;
import org.peerdesk.ui.DaysSetting;
import org.peerdesk.ui.SettingsRows;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Files: how long a share's trash keeps what peers deleted or replaced. */
public final class TrashSettings extends DaysSetting {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    SyncService sync;

    @PostConstruct
    void create(Composite section) {
        if (sync == null) {
            SettingsRows.notRunning(section);
            return;
        }
        show(section, "Keep deleted or replaced files", "days", "What a peer deletes or replaces in a synced share waits in"
                + " the share's .peerdesk/trash folder that long, in case it is wanted back.", "settings.files.trash", sync::trashKeep,
                sync::setTrashKeep);
    }
}
