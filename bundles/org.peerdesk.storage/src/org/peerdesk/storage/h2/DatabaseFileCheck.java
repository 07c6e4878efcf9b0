package org.peerdesk.storage.h2;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.h2.mvstore.MVStore;

/**
 * Finds a database file that H2 would take for a new one. H2 opens a file whose headers are intact but whose every
 * chunk is damaged as an empty store, and its first commit then writes over what was there: a node would start as
 * if new and the damaged data, which a user might still have saved, would be gone. Opened read-only, the store lists
 * the maps it can read, and an H2 database that holds anything has some.
 */
final class DatabaseFileCheck {

    private static final Logger LOG = System.getLogger(DatabaseFileCheck.class.getName());

    /** An H2 store file begins with two headers of 4 KiB; a file no longer than them holds no data yet. */
    private static final long HEADERS = 2 * 4096;

    private DatabaseFileCheck() {
    }

    /**
     * Why the file cannot be the database it was; empty when it can (or is not there yet). A file the read-only
     * probe cannot read at all is left to H2's own open, which then says why.
     */
    static Optional<String> damage(Path file) {
        long size;
        MVStore store;
        try {
            size = Files.exists(file) ? Files.size(file) : 0;
            if (size <= HEADERS) {
                return Optional.empty();
            }
            store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Read-only look at {0} failed; H2's own open will say why: {1}", file, e.toString());
            return Optional.empty();
        }
        try {
            return store.getMapNames().isEmpty()
                    ? Optional.of("its file " + file.getFileName() + " holds " + size + " bytes, none of which H2 can read")
                    : Optional.empty();
        } finally {
            store.close();
        }
    }
}
