package org.peerdesk.messaging.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * Keeps the {@link WordIndex} current in the background: each nudge (the node nudges twice a second)
 * indexes what waits, a batch per transaction, unless a run is already at it. Search is complete
 * without it, only slower while much waits.
 */
final class WordIndexer {

    private static final Logger LOG = System.getLogger(WordIndexer.class.getName());

    private final Storage storage;
    private final Executor workers;
    private final AtomicBoolean running = new AtomicBoolean();

    WordIndexer(Storage storage, Executor workers) {
        this.storage = storage;
        this.workers = workers;
    }

    /** Starts indexing on a worker, unless a run is under way. */
    void nudge() {
        if (running.compareAndSet(false, true)) {
            workers.execute(() -> {
                try {
                    catchUp();
                } catch (StorageException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not index messages for search (trying again shortly): {0}", e.getMessage());
                } finally {
                    running.set(false);
                }
            });
        }
    }

    /**
     * Indexes everything waiting, on the caller's thread, after any run under way (two at once would
     * index the same messages); returns how many messages it indexed.
     */
    synchronized long catchUp() throws StorageException {
        long indexed = 0;
        int batch;
        do {
            batch = storage.transact(WordIndex::indexBatch);
            indexed += batch;
        } while (batch > 0);
        return indexed;
    }
}
