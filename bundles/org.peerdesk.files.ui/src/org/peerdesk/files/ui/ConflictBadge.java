package org.peerdesk.files.ui;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.ui.TabCount;

import jakarta.inject.Inject;

/** Counts the conflicts waiting for a choice on the Sync tab ("Sync (2)"). */
public final class ConflictBadge extends TabCount {

    @Inject
    @Optional
    @Service
    SyncService sync;

    public ConflictBadge() {
        super(SyncPart.ID, "Sync", FileTopics.SYNC_CHANGED);
    }

    @Override
    protected long count() throws Exception {
        return sync == null ? 0 : sync.conflicts().size();
    }
}
