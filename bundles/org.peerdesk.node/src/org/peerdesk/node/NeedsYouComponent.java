package org.peerdesk.node;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionBoard;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.core.Topics;

/**
 * What waits for the user, from every {@link AttentionSource} the node's areas and plugins register:
 * gathered again after each burst of the node's events and every minute, and announced when it changes.
 */
@Component(service = {NeedsYou.class, EventHandler.class}, property = EventConstants.EVENT_TOPIC + "=" + Topics.ROOT + "/*")
public final class NeedsYouComponent implements NeedsYou, EventHandler {

    private final List<AttentionSource> sources = new CopyOnWriteArrayList<>();
    private final AttentionBoard board;

    @Activate
    public NeedsYouComponent(@Reference EventAdmin events) {
        this.board = new AttentionBoard(() -> sources, waiting -> events.postEvent(new Event(CHANGED, Map.of(Topics.DATA, new Changed(waiting)))),
                Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(AttentionSource source) {
        sources.add(source);
        board.somethingHappened();
    }

    void removeSource(AttentionSource source) {
        sources.remove(source);
        board.somethingHappened();
    }

    @Override
    public void handleEvent(Event event) {
        if (!CHANGED.equals(event.getTopic())) {
            board.somethingHappened();
        }
    }

    @Override
    public List<Attention> now() {
        return board.now();
    }

    @Deactivate
    void stop() {
        board.close();
    }
}
