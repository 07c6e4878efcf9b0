package org.peerdesk.ui;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;

/**
 * Lets a part follow a topic for as long as one of its controls lives. Parts subscribe through
 * the broker rather than with {@code @UIEventTopic}, whose injected methods were not called in
 * this runtime. The action runs on the UI thread, queued: the broker's own UI delivery would hold
 * whoever sent the event (some are sent synchronously) until the UI thread is free. The handler is
 * dropped when the control is disposed. Call on the UI thread.
 */
public final class UiEvents {

    private UiEvents() {
    }

    public static void follow(IEventBroker broker, String topic, Control owner, Runnable action) {
        follow(broker, topic, event -> true, owner, action);
    }

    /**
     * Runs {@code action} every {@code millis} on the UI thread for as long as {@code owner} lives: for what changes with
     * time alone, which no event tells ("today 04:33" turning stale). Call on the UI thread.
     */
    public static void every(int millis, Control owner, Runnable action) {
        owner.getDisplay().timerExec(millis, () -> {
            if (!owner.isDisposed()) {
                action.run();
                every(millis, owner, action);
            }
        });
    }

    /** As {@link #follow(IEventBroker, String, Control, Runnable)}, for the events whose record {@code wanted} accepts. */
    public static <T> void follow(IEventBroker broker, String topic, Class<T> type, Predicate<T> wanted, Control owner, Runnable action) {
        follow(broker, topic, event -> type.isInstance(event.getProperty(Topics.DATA)) && wanted.test(type.cast(event.getProperty(Topics.DATA))),
                owner, action);
    }

    /** As {@link #follow(IEventBroker, String, Control, Runnable)}, handing the action each event's record of {@code type}. */
    public static <T> void receive(IEventBroker broker, String topic, Class<T> type, Control owner, Consumer<T> action) {
        subscribe(broker, topic, event -> type.isInstance(event.getProperty(Topics.DATA)), owner,
                event -> action.accept(type.cast(event.getProperty(Topics.DATA))));
    }

    private static void follow(IEventBroker broker, String topic, Predicate<Event> wanted, Control owner, Runnable action) {
        subscribe(broker, topic, wanted, owner, event -> action.run());
    }

    private static void subscribe(IEventBroker broker, String topic, Predicate<Event> wanted, Control owner, Consumer<Event> action) {
        Display display = owner.getDisplay();
        EventHandler handler = event -> {
            if (!wanted.test(event)) {
                return;
            }
            try {
                display.asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        action.accept(event);
                    }
                });
            } catch (SWTException closed) {
                // the window is gone, and the part with it
            }
        };
        broker.subscribe(topic, null, handler, true);
        owner.addDisposeListener(event -> broker.unsubscribe(handler));
    }
}
