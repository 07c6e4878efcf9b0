package org.peerdesk.ui;

import java.util.Optional;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * An addon that tells the user, through {@link DesktopNotices}, of the events on one topic that
 * matter while Peerdesk's window does not have the focus. A subclass names the topic and says what
 * an event's record is worth telling.
 *
 * @param <R> the record the topic's events carry under {@link Topics#DATA}
 */
public abstract class EventNotifier<R> {

    /** What to tell: a title (shown in the window's title too) and a line of text. */
    public record Notice(String title, String text) {
    }

    @Inject
    IEventBroker events;

    @Inject
    UISynchronize ui;

    private final String topic;
    private final Class<R> type;
    private final EventHandler handler = this::heard;
    private final DesktopNotices notices = new DesktopNotices();

    protected EventNotifier(String topic, Class<R> type) {
        this.topic = topic;
        this.type = type;
    }

    /** What to tell of {@code record}, if anything; called on the event thread. */
    protected abstract Optional<Notice> noticeOf(R record);

    @PostConstruct
    void start() {
        events.subscribe(topic, handler);
    }

    @PreDestroy
    void stop() {
        events.unsubscribe(handler);
        notices.dispose();
    }

    private void heard(Event event) {
        if (type.isInstance(event.getProperty(Topics.DATA))) {
            noticeOf(type.cast(event.getProperty(Topics.DATA))).ifPresent(notice -> ui.asyncExec(() -> notices.tell(notice.title(), notice.text())));
        }
    }
}
