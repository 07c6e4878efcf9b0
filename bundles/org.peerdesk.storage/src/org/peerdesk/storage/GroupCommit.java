package org.peerdesk.storage;

import java.sql.Connection;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs small transactions from many threads together: whatever work arrives while one commit is
 * written joins the next, so one commit (the expensive part of a small transaction) serves many
 * callers. Each work runs in a savepoint of the shared transaction and the works run one after the
 * other, so each sees what the ones before it did, and one that throws is rolled back alone. As with
 * {@link Storage#transact}, a call returns only once its work is committed.
 *
 * <p>One caller at a time leads: it commits what is waiting, wakes each caller whose work it
 * committed, and hands the lead to the oldest caller still waiting. Meant for many short works of
 * the same kind (sending messages); a long work delays every caller that joins it. A work must not
 * call {@link #transact} itself: it runs on the leader's thread, which would wait for itself.
 */
public final class GroupCommit {

    private final Storage storage;
    private final int maxWorks;
    /** Works not yet taken into a batch, oldest first; guarded by {@code this}. */
    private final ArrayDeque<Pending<?>> waiting = new ArrayDeque<>();
    /** Whether a caller leads; guarded by {@code this}. */
    private boolean leading;

    /** Commits at most {@code maxWorks} works at once. */
    public GroupCommit(Storage storage, int maxWorks) {
        this.storage = storage;
        this.maxWorks = maxWorks;
    }

    /**
     * Runs {@code work} in a transaction it may share with others; returns its result once committed.
     * Waiting for the commit is not interruptible: once queued, the work may be committed at any
     * moment, and the caller must learn its outcome (an interrupt is kept for the caller to see).
     *
     * @throws StorageException if the work throws an {@link SQLException} (only its changes are rolled
     *         back) or the shared commit fails (nothing of it is kept)
     */
    public <T> T transact(SqlWork<T> work) throws StorageException {
        Pending<T> pending = new Pending<>(work, Thread.currentThread());
        boolean lead;
        synchronized (this) {
            waiting.add(pending);
            lead = !leading;
            leading = true;
        }
        if (!lead && !awaitTurn(pending)) {
            return pending.outcome();
        }
        try {
            while (!pending.done) {
                commit(nextBatch());
            }
        } finally {
            handOver();
        }
        return pending.outcome();
    }

    /** Parks until {@code pending} is settled (false) or its caller is handed the lead (true). */
    private static boolean awaitTurn(Pending<?> pending) {
        boolean interrupted = false;
        while (!pending.done && !pending.promoted) {
            LockSupport.park(pending);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !pending.done;
    }

    private synchronized List<Pending<?>> nextBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        while (batch.size() < maxWorks && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private synchronized void handOver() {
        Pending<?> next = waiting.peek();
        if (next == null) {
            leading = false;
        } else {
            next.promoted = true;
            LockSupport.unpark(next.caller);
        }
    }

    private void commit(List<Pending<?>> batch) {
        try {
            storage.transact(connection -> {
                for (Pending<?> each : batch) {
                    each.runIn(connection);
                }
                return null;
            });
            batch.forEach(each -> each.settle(null));
        } catch (StorageException | RuntimeException e) {
            batch.forEach(each -> each.settle(e));
        }
    }

    /** One caller's work and, once its batch is settled, its outcome. */
    private static final class Pending<T> {
        private final SqlWork<T> work;
        private final Thread caller;
        private T result;
        private Exception failure;
        private volatile boolean promoted;
        private volatile boolean done;

        Pending(SqlWork<T> work, Thread caller) {
            this.work = work;
            this.caller = caller;
        }

        /** Runs the work in a savepoint; if it throws, only its own changes are undone. */
        void runIn(Connection connection) throws SQLException {
            Savepoint before = connection.setSavepoint();
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException e) {
                connection.rollback(before);
                failure = e;
            }
        }

        /** Records the batch's outcome ({@code cause} when the commit failed) and wakes the caller. */
        void settle(Exception cause) {
            if (failure == null) {
                failure = cause;
            }
            done = true;
            LockSupport.unpark(caller);
        }

        T outcome() throws StorageException {
            if (failure instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failure instanceof StorageException storage) {
                throw storage;
            }
            if (failure != null) {
                throw new StorageException("Could not complete a database transaction: " + failure.getMessage(), failure);
            }
            return result;
        }
    }
}
