package org.peerdesk.permissions.core;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.event.AccessChanged;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.TransportService;

/**
 * Closes the connection of a peer the moment it is blocked (its streams are already reset by their
 * leases, and new connections are refused at the handshake). A component of its own because the
 * permissions service cannot hold the transport: the transport needs the permissions first.
 */
@Component(immediate = true, property = EventConstants.EVENT_TOPIC + "=" + PermissionTopics.ACCESS_CHANGED)
public final class BlockEnforcer implements EventHandler {

    private final PermissionService permissions;
    private final TransportService transport;

    @Activate
    public BlockEnforcer(@Reference PermissionService permissions, @Reference TransportService transport) {
        this.permissions = permissions;
        this.transport = transport;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof AccessChanged changed) {
            changed.peer().filter(peer -> permissions.trust(peer).equals(Optional.of(TrustState.BLOCKED)))
                    .ifPresent(transport::disconnect);
        }
    }
}
