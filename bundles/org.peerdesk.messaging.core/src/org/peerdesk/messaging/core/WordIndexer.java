package org.peerdesk.messaging.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * Keeps the {@link WordIndex} current in the background: each nudge (the node nudges twice a second)
 * indexes what waits, a batch per transaction. Search is complete without it, only slower while
 * much waits.
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

    /**
     * Starts indexing what waits on a worker, unless a run is under way. The run ends at the first
     * batch that is not full: were it to go on until nothing waits, it would chase a steady trickle
     * of messages with a transaction each, and every send would wait behind their commits.
     */
    void nudge() {
        if (running.compareAndSet(false, true)) {
            workers.execute(() -> {
                try {
                    index(false);
                } catch (StorageException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not index messages for search (trying again shortly): {0}", e.getMessage());
                } finally {
                    running.set(false);
                }
            });
        }
    }

    /** Indexes everything waiting, on the caller's thread; returns how many messages it indexed. */
    long catchUp() throws StorageException {
        return index(true);
    }

    /** One run at a time: two would index the same messages. */
    private synchronized long index(boolean untilNoneWaits) throws StorageException {
        long indexed = 0;
        WordIndex.Batch batch;
        do {
            batch = storage.transact(WordIndex::indexBatch);
            indexed += batch.messages();
        } while (batch.messages() > 0 && (untilNoneWaits || batch.full()));
        return indexed;
    }
}
