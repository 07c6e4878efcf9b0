package org.peerdesk.storage.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The database's connections, opened as needed up to a limit and kept for reuse, each in manual
 * commit mode for its whole life. H2's own pool hands out a new wrapper at every checkout, commits
 * as it hands one out and rolls back as it takes one back, all under one lock: with a dozen threads
 * each reading one row, that cost more than the reads. Safe from several threads at once.
 */
final class Connections implements AutoCloseable {

    /** Opens a new connection to the database. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Duration wait;
    private final Semaphore slots;
    /** Most recently used first, so that few connections stay warm. */
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    Connections(Opener opener, int max, Duration wait) {
        this.opener = opener;
        this.wait = wait;
        this.slots = new Semaphore(max, true);
    }

    /** A connection for one transaction, in manual commit mode; hand it back with {@link #give}. */
    Connection take() throws SQLException {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("every database connection stayed busy for " + wait.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            if (closed) {
                throw new SQLException("the database is closed");
            }
            Connection connection = idle.pollFirst();
            if (connection == null) {
                connection = opener.open();
                connection.setAutoCommit(false);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /**
     * Takes back a connection from {@link #take} whose transaction has ended (committed or rolled
     * back); one that is not {@code reusable}, or arrives after {@link #close}, is closed instead.
     */
    void give(Connection connection, boolean reusable) {
        try {
            if (reusable && !closed && !connection.isClosed()) {
                idle.addFirst(connection);
                if (closed && idle.remove(connection)) {
                    quietlyClose(connection); // close() ran meanwhile and did not see it
                }
            } else {
                quietlyClose(connection);
            }
        } catch (SQLException e) {
            quietlyClose(connection);
        } finally {
            slots.release();
        }
    }

    /** Closes every idle connection now and each busy one as it comes back. */
    @Override
    public void close() {
        closed = true;
        for (Connection connection; (connection = idle.pollFirst()) != null;) {
            quietlyClose(connection);
        }
    }

    private static void quietlyClose(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // it is gone either way
        }
    }
}
