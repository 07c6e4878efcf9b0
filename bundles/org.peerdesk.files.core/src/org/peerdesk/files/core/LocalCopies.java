package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content a sync round is about to fetch that this disk may already hold: the local files the round
 * removes or replaces, wherever they went (still in the share, or in its trash). A file moved or
 * renamed at the peer arrives as one path removed and another added with the same content; its bytes
 * then come from here instead of over the network. What is copied is only a start: the fetch checks
 * every block against the peer's hashes and asks the peer for those that differ. A file is not moved
 * away while it is being copied (the two happen on different lanes). Safe from several threads at once.
 */
final class LocalCopies {

    /** Moves a file away (to the trash) and says where it went. */
    @FunctionalInterface
    interface Move {
        Path move() throws IOException;
    }

    /** Where a content is; copies from it and moves of it hold its lock. */
    private static final class Place {
        private Path file;

        Place(Path file) {
            this.file = file;
        }
    }

    private final Map<String, Place> places = new ConcurrentHashMap<>();

    /**
     * {@code file} holds {@code content} (as indexed) and the round may remove or replace it. Only read from,
     * and what is read counts only where it matches the peer's hashes, so the place needs no checks.
     */
    void at(Manifest content, Path file) {
        places.put(key(content), new Place(file));
    }

    /** Moves the file holding {@code content} away, noting where it went; returns that place. */
    Path moveAway(Manifest content, Move move) throws IOException {
        Place place = places.get(key(content));
        if (place == null) {
            return move.move();
        }
        synchronized (place) {
            place.file = move.move();
            return place.file;
        }
    }

    /**
     * Copies a local file with the content {@code wanted} to {@code part} if there is one and nothing is
     * at {@code part} yet (a part file there is an earlier attempt, which the fetch resumes); false if
     * nothing was copied.
     */
    boolean seed(Manifest wanted, Path part) {
        Place place = places.get(key(wanted));
        if (place == null || wanted.entry().size() == 0 || Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        synchronized (place) {
            try {
                if (!Files.isRegularFile(place.file, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                Files.copy(place.file, part, LinkOption.NOFOLLOW_LINKS);
                return true;
            } catch (IOException e) {
                // changed or gone meanwhile: the fetch asks the peer for every block
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // the fetch reuses what verifies and overwrites the rest
                }
                return false;
            }
        }
    }

    private static String key(Manifest content) {
        return HexFormat.of().formatHex(content.version());
    }
}
