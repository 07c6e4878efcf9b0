package org.peerdesk.files.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.peerdesk.files.ConflictMerger;

/** The mergers a conflict may be merged by: plugins' as they come and go, in the order they came, then Peerdesk's own. */
final class ConflictMergers {

    private final List<ConflictMerger> added = new CopyOnWriteArrayList<>();
    private final ConflictMerger builtIn = new LineUnionMerger();

    void add(ConflictMerger merger) {
        added.add(merger);
    }

    void remove(ConflictMerger merger) {
        added.remove(merger);
    }

    /** The first merger that takes the file at {@code path}. */
    Optional<ConflictMerger> forPath(String path) {
        return Stream.concat(added.stream(), Stream.of(builtIn)).filter(merger -> takes(merger, path)).findFirst();
    }

    /** Whether {@code merger} takes the file; one that fails to say is passed over, as a plugin's fault is not the user's. */
    private static boolean takes(ConflictMerger merger, String path) {
        try {
            return merger.merges(path);
        } catch (RuntimeException e) {
            System.getLogger(ConflictMergers.class.getName()).log(System.Logger.Level.WARNING,
                    "A conflict merger failed to say whether it merges {0}: {1}", path, e);
            return false;
        }
    }
}
