package org.peerdesk.files.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which shares' indexes are known to match their folders: those whose every folder is watched and
 * whose watch has reported nothing since a scan began. Work that only wants the index current (a
 * sync round, the watcher's own delayed rescan) skips the walk of such a share; a scan that someone
 * asked for, and the periodic one, always walk. Knowing too little only costs a walk: a share is
 * fresh only after a scan began while it was wholly watched. Safe from several threads at once.
 */
final class IndexFreshness {

    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Set<String> fresh = ConcurrentHashMap.newKeySet();

    /** Every folder of the share is now watched (the watch reports each change from here on). */
    void watched(String shareId) {
        watched.add(shareId);
    }

    /** Some folder of the share could not be watched, or the share is no longer watched. */
    void unwatched(String shareId) {
        watched.remove(shareId);
        fresh.remove(shareId);
    }

    /** Something in the share's folder changed, or may have (the watch lost events). */
    void changed(String shareId) {
        fresh.remove(shareId);
    }

    /** A scan is about to walk the share: what changed before now, it sees. */
    void scanStarting(String shareId) {
        if (watched.contains(shareId)) {
            fresh.add(shareId);
        }
    }

    /** The scan did not finish: what it missed is still to be seen. */
    void scanFailed(String shareId) {
        fresh.remove(shareId);
    }

    boolean isFresh(String shareId) {
        return fresh.contains(shareId);
    }
}
