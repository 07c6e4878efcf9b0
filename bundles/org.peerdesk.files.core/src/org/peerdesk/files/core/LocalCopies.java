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
 * every block against the peer's hashes and asks the peer for those that differ. Safe from several
 * threads at once.
 */
final class LocalCopies {

    private final Map<String, Path> places = new ConcurrentHashMap<>();

    /**
     * {@code file} holds {@code content} (as indexed) and the round may remove or replace it. Only read from,
     * and what is read counts only where it matches the peer's hashes, so the place needs no checks.
     */
    void at(Manifest content, Path file) {
        places.put(key(content), file);
    }

    /** The file holding {@code content} was moved to {@code place} (the trash). */
    void moved(Manifest content, Path place) {
        places.put(key(content), place);
    }

    /**
     * Copies a local file with the content {@code wanted} to {@code part} if there is one and nothing is
     * at {@code part} yet (a part file there is an earlier attempt, which the fetch resumes); false if
     * nothing was copied.
     */
    boolean seed(Manifest wanted, Path part) {
        Path source = places.get(key(wanted));
        if (source == null || wanted.entry().size() == 0 || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.copy(source, part, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (IOException e) {
            // moved or changed meanwhile: the fetch asks the peer for every block
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the fetch reuses what verifies and overwrites the rest
            }
            return false;
        }
    }

    private static String key(Manifest content) {
        return HexFormat.of().formatHex(content.version());
    }
}
