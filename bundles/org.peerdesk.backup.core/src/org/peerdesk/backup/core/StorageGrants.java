package org.peerdesk.backup.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.GivenChanged;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.permissions.event.RequestChanged;

/**
 * Hears that a peer gave this node backup storage, by approving its request or by granting it directly, so that the
 * sets waiting for it run at once.
 */
@Component(service = EventHandler.class, property = {EventConstants.EVENT_TOPIC + "=" + PermissionTopics.REQUEST_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + PermissionTopics.GIVEN_CHANGED})
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
        } else if (event.getProperty(Topics.DATA) instanceof GivenChanged given && given.added().stream().anyMatch(StorageGrants::isStorage)) {
            backups.storageGranted(given.owner());
        }
    }

    private static boolean grantsStorage(AccessRequest request) {
        return request.direction() == AccessRequest.Direction.OUTGOING && request.state() == AccessRequest.State.APPROVED
                && request.granted().filter(StorageGrants::isStorage).isPresent();
    }

    private static boolean isStorage(GrantTerms terms) {
        return terms.resource().equals(Resource.BACKUP) && terms.rights().contains(Right.STORE_BACKUP);
    }
}
