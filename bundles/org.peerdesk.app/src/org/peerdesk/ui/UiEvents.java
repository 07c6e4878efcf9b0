package org.peerdesk.ui;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.event.EventHandler;

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
        Display display = owner.getDisplay();
        EventHandler handler = event -> {
            try {
                display.asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        action.run();
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
