package org.peerdesk.ui;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Threads;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * An addon that keeps a count in a view's tab, "Access (2)", from the start, even before the view was ever opened, so
 * that what waits for the user is seen from any part of the window. It counts again after each event on its topic, off
 * the UI thread (counting asks the node) and one count at a time: the events that come while it counts make one more
 * count after it, however many they are.
 */
public abstract class TabCount {

    private static final Logger LOG = System.getLogger(TabCount.class.getName());

    @Inject
    protected UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    EModelService models;

    @Inject
    MApplication application;

    private final String part;
    private final String label;
    private final String topic;
    private final ExecutorService counting = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-tab-count"));
    private final AtomicBoolean countAsked = new AtomicBoolean();
    private final EventHandler handler = this::heard;

    /** Counts for the view {@code part}, whose tab reads {@code label} when the count is 0, after each event on {@code topic}. */
    protected TabCount(String part, String label, String topic) {
        this.part = part;
        this.label = label;
        this.topic = topic;
    }

    /** The count, asked of the node off the UI thread; 0 when the service it counts is not there. */
    protected abstract long count() throws Exception;

    /** Called on the event thread for each event on the topic; a subclass that does more with one calls this too. */
    protected void heard(Event event) {
        recount();
    }

    @PostConstruct
    void start() {
        events.subscribe(topic, handler);
        recount();
    }

    @PreDestroy
    protected void stop() {
        events.unsubscribe(handler);
        counting.shutdownNow();
    }

    private void recount() {
        if (!countAsked.compareAndSet(false, true)) {
            return;
        }
        counting.execute(() -> {
            countAsked.set(false); // what changes from here on is counted again
            try {
                long count = count();
                ui.asyncExec(() -> show(count == 0 ? label : label + " (" + count + ")"));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Cannot count for the {0} tab: {1}", label, e.getMessage());
            }
        });
    }

    private void show(String text) {
        if (models.find(part, application) instanceof MPart view) {
            view.setLabel(text);
        }
    }
}
