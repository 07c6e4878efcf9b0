package org.peerdesk.backup.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.permissions.event.RequestChanged;

/** Hears that a peer approved this node's request for backup storage, so that the sets waiting for it run at once. */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + PermissionTopics.REQUEST_CHANGED)
public final class StorageGrants implements EventHandler {

    private final BackupComponent backups;

    @Activate
    public StorageGrants(@Reference BackupComponent backups) {
        this.backups = backups;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof RequestChanged changed && grantsStorage(changed.request())) {
            backups.storageGranted(changed.request().peer());
        }
    }

    private static boolean grantsStorage(AccessRequest request) {
        return request.direction() == AccessRequest.Direction.OUTGOING && request.state() == AccessRequest.State.APPROVED
                && request.granted().filter(terms -> terms.resource().equals(Resource.BACKUP) && terms.rights().contains(Right.STORE_BACKUP))
                        .isPresent();
    }
}
