package org.peerdesk.permissions.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Threads;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.event.PermissionTopics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Counts the requests waiting for the user on the Access tab ("Access (2)") from the start, even
 * before the view was ever opened, so a peer's request is noticed from any part of the window.
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

    // One thread, so counts are applied in the order they were taken.
    private final ExecutorService counting = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-access-badge"));
    private final EventHandler onChange = event -> update();

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
