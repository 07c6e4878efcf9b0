package org.peerdesk.ui;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.event.EventHandler;

/**
 * Lets a part follow a topic for as long as one of its controls lives. Parts subscribe through
 * the broker rather than with {@code @UIEventTopic}, whose injected methods were not called in
 * this runtime; the handler runs on the UI thread and is dropped when the control is disposed.
 */
public final class UiEvents {

    private UiEvents() {
    }

    public static void follow(IEventBroker broker, String topic, Control owner, Runnable action) {
        EventHandler handler = event -> {
            if (!owner.isDisposed()) {
                action.run();
            }
        };
        broker.subscribe(topic, handler);
        owner.addDisposeListener(event -> broker.unsubscribe(handler));
    }
}
