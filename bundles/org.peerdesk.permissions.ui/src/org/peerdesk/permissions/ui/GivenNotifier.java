package org.peerdesk.permissions.ui;

import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.event.GivenChanged;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.EventNotifier;

import jakarta.inject.Inject;

/** Tells the user, while Peerdesk's window does not have the focus, that a peer gave this node access to something. */
public final class GivenNotifier extends EventNotifier<GivenChanged> {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PeerDirectory directory;

    public GivenNotifier() {
        super(PermissionTopics.GIVEN_CHANGED, GivenChanged.class);
    }

    @Override
    protected Optional<Notice> noticeOf(GivenChanged changed) {
        if (directory == null || changed.added().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Notice("Access from " + directory.nameOf(changed.owner()),
                directory.nameOf(changed.owner()) + " gave you " + changed.added().stream().map(Given::describe).collect(Collectors.joining("; "))));
    }
}
