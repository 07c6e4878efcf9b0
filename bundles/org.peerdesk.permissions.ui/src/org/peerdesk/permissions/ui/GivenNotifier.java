package org.peerdesk.permissions.ui;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
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
        // the message right comes with every invite, and what is sent with it speaks for itself
        List<GrantTerms> worthTelling = changed.added().stream().filter(terms -> terms.resource().kind() != Resource.Kind.MESSAGES).toList();
        if (directory == null || worthTelling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Notice("Access from " + directory.nameOf(changed.owner()),
                directory.nameOf(changed.owner()) + " gave you " + worthTelling.stream().map(Given::describe).collect(Collectors.joining("; "))));
    }
}
