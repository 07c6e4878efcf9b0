package org.peerdesk.permissions.ui;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.osgi.service.event.Event;
import org.peerdesk.core.Topics;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.permissions.event.RequestChanged;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.DesktopNotices;
import org.peerdesk.ui.TabCount;

import jakarta.inject.Inject;

/**
 * Counts the requests waiting for the user on the Access tab ("Access (2)"), so a peer's request is noticed from any
 * part of the window; one that comes in while the window does not have the focus is also told as a desktop notice.
 */
public final class AccessBadge extends TabCount {

    static final String PART = "org.peerdesk.permissions.ui.part.access";

    @Inject
    @Optional
    @Service
    AccessRequests requests;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private final DesktopNotices notices = new DesktopNotices();
    /** The requests told of already: a request changes more than once before it is decided. */
    private final Set<Long> told = ConcurrentHashMap.newKeySet();

    public AccessBadge() {
        super(PART, "Access", PermissionTopics.REQUEST_CHANGED);
    }

    @Override
    protected long count() throws Exception {
        return requests == null ? 0 : requests.requests().stream().filter(AccessRequest::awaitsDecision).count();
    }

    @Override
    protected void heard(Event event) {
        super.heard(event);
        if (event.getProperty(Topics.DATA) instanceof RequestChanged changed && changed.request().awaitsDecision()
                && told.add(changed.request().id())) {
            AccessRequest request = changed.request();
            String from = directory == null ? request.peer().shortForm() : request.peerName(directory.knownName(request.peer()));
            String asked = from + " asks for " + Right.format(request.asked().rights()) + " on " + request.asked().resource()
                    + AccessRows.storage(request.asked().quotaBytes()) + (request.note().isEmpty() ? "." : ": " + request.note());
            ui.asyncExec(() -> notices.tell("Access request from " + from, asked));
        }
    }

    @Override
    protected void stop() {
        super.stop();
        notices.dispose();
    }
}
