package org.peerdesk.permissions.ui;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.permissions.event.RequestChanged;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.DesktopNotices;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Counts the requests waiting for the user on the Access tab ("Access (2)") from the start, even
 * before the view was ever opened, so a peer's request is noticed from any part of the window; one
 * that comes in while the window does not have the focus is also told as a desktop notice.
 */
public final class AccessBadge {

    static final String PART = "org.peerdesk.permissions.ui.part.access";
    private static final String LABEL = "Access";

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    EModelService models;

    @Inject
    MApplication application;

    @Inject
    @Optional
    @Service
    AccessRequests requests;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    // One thread, so counts are applied in the order they were taken.
    private final ExecutorService counting = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-access-badge"));
    private final EventHandler onChange = this::changed;
    private final DesktopNotices notices = new DesktopNotices();
    /** The requests told of already: a request changes more than once before it is decided. */
    private final Set<Long> told = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        if (requests == null) {
            return;
        }
        events.subscribe(PermissionTopics.REQUEST_CHANGED, onChange);
        update();
    }

    @PreDestroy
    void stop() {
        events.unsubscribe(onChange);
        counting.shutdownNow();
        notices.dispose();
    }

    private void changed(Event event) {
        update();
        if (event.getProperty(Topics.DATA) instanceof RequestChanged changed && changed.request().awaitsDecision()
                && told.add(changed.request().id())) {
            AccessRequest request = changed.request();
            String from = directory == null ? request.peer().shortForm() : directory.nameOf(request.peer());
            String asked = from + " asks for " + Right.format(request.asked().rights()) + " on " + request.asked().resource()
                    + AccessRows.storage(request.asked().quotaBytes()) + (request.note().isEmpty() ? "." : ": " + request.note());
            ui.asyncExec(() -> notices.tell("Access request from " + from, asked));
        }
    }

    private void update() {
        counting.execute(() -> {
            try {
                long waiting = requests.requests().stream().filter(AccessRequest::awaitsDecision).count();
                ui.asyncExec(() -> label(waiting == 0 ? LABEL : LABEL + " (" + waiting + ")"));
            } catch (Exception e) {
                System.getLogger(AccessBadge.class.getName()).log(System.Logger.Level.WARNING,
                        "Cannot count the waiting requests: {0}", e.getMessage());
            }
        });
    }

    private void label(String text) {
        MUIElement part = models.find(PART, application);
        if (part instanceof org.eclipse.e4.ui.model.application.ui.basic.MPart access) {
            access.setLabel(text);
        }
    }
}
