package org.peerdesk.app;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order of the tabs in the window's stacks. The desktop starts from a fresh model each time and
 * the views' bundles add their parts in whatever order the platform lists the bundles, which varies
 * from start to start; this puts the known parts in one order, the same every time, with parts from
 * plugins after them in the order they came.
 */
final class PartOrder {

    static final List<String> ORDER = List.of(
            "org.peerdesk.transport.ui.part.peers",
            "org.peerdesk.messaging.ui.part.conversations",
            "org.peerdesk.app.part.overview",
            "org.peerdesk.messaging.ui.part.chat",
            "org.peerdesk.files.ui.part.shares",
            "org.peerdesk.files.ui.part.remote",
            "org.peerdesk.files.ui.part.sync",
            "org.peerdesk.backup.ui.part.backups",
            "org.peerdesk.permissions.ui.part.access",
            "org.peerdesk.files.ui.part.transfers",
            "org.peerdesk.permissions.ui.part.audit");

    private PartOrder() {
    }

    /** Sorts {@code items} in place: known IDs by {@link #ORDER}, the rest after them as they were (the sort is stable). */
    static <T> void sort(List<T> items, Function<T, String> id) {
        items.sort(Comparator.comparingInt(item -> {
            int rank = ORDER.indexOf(id.apply(item));
            return rank < 0 ? ORDER.size() : rank;
        }));
    }
}
