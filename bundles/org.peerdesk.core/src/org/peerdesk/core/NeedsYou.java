package org.peerdesk.core;

import java.util.List;

/**
 * Everything that waits for the user, gathered from every {@link AttentionSource}: the service the
 * desktop, the admin API and {@code peerdesk status} read. It posts {@link #CHANGED} whenever the list
 * changes, with a {@link Changed} under {@link Topics#DATA}.
 */
public interface NeedsYou {

    String CHANGED = Topics.NODE + "/NeedsYouChanged";

    /** The event of {@link #CHANGED}: what waits now. */
    record Changed(List<Attention> waiting) {

        public Changed {
            waiting = List.copyOf(waiting);
        }
    }

    /** What waits now, asked of every source on the spot: the areas that matter most first. */
    List<Attention> now();
}
