package org.peerdesk.files.core;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.peerdesk.core.InvalidInputException;

/**
 * The folders a sync pair keeps in sync, when not the whole share: what lies outside them is neither
 * fetched from the peer nor removed for its sake, as if ignored. Stored one per line.
 */
final class SyncFolders {

    /** Enough for any selection a person makes by hand, and a bound on what a request may send. */
    static final int MAX = 100;

    private SyncFolders() {
    }

    /**
     * The folders as paths in the share, each once, in order, none inside another (which it would add
     * nothing to); empty, the whole share. The share's root among them also means the whole share.
     */
    static List<String> checked(List<String> folders) throws InvalidInputException {
        if (folders.size() > MAX) {
            throw new InvalidInputException("A sync takes at most " + MAX + " folders; choose fewer, or the folders above them.");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String folder : folders) {
            String path = SharePaths.normalize(folder.strip());
            if (path.isEmpty()) {
                return List.of();
            }
            sorted.add(path);
        }
        List<String> kept = new ArrayList<>();
        for (String path : sorted) {
            if (kept.isEmpty() || !covers(kept, path)) {
                kept.add(path);
            }
        }
        return List.copyOf(kept);
    }

    /** Whether {@code path} (a file's or a folder's) lies in one of {@code folders}; everything does when there are none. */
    static boolean covers(List<String> folders, String path) {
        return folders.isEmpty() || folders.stream().anyMatch(folder -> path.equals(folder) || path.startsWith(folder + "/"));
    }

    static String stored(List<String> folders) {
        return folders.isEmpty() ? null : String.join("\n", folders);
    }

    static List<String> read(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
    }
}
