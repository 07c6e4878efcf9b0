package org.peerdesk.storage.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.GroupCommit;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

class GroupCommitTest {

    @TempDir
    Path home;

    private DataDirectory directory;
    private H2Storage storage;
    /** The storage as the group commit sees it, counting its transactions. */
    private Storage counted;
    private final AtomicInteger transactions = new AtomicInteger();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void open() throws Exception {
        directory = DataDirectory.open(home.resolve("node"));
        storage = new H2Storage(directory);
        storage.migrate(AreaSchema.of("notes", Migration.sql(1, "notes", "CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(100))")));
        counted = new Storage() {
            @Override
            public void migrate(AreaSchema schema) throws StorageException {
                storage.migrate(schema);
            }

            @Override
            public <T> T transact(SqlWork<T> work) throws StorageException {
                transactions.incrementAndGet();
                return storage.transact(work);
            }

            @Override
            public int schemaVersion(String area) throws StorageException {
                return storage.schemaVersion(area);
            }
        };
    }

    @AfterEach
    void close() throws Exception {
        callers.shutdownNow();
        storage.close();
        directory.close();
    }

    @Test
    void worksThatArriveDuringACommitShareTheNextAndEachGetsItsOwnResult() throws Exception {
        GroupCommit together = new GroupCommit(counted, 100);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> first = callers.submit(() -> together.transact(connection -> {
            insert(connection, 0);
            awaitRelease(release);
            return 0;
        }));
        awaitTransactions(1);
        List<Thread> queued = new ArrayList<>();
        List<Future<Integer>> followers = new ArrayList<>();
        for (int id = 1; id <= 5; id++) {
            int note = id;
            followers.add(callers.submit(() -> {
                synchronized (queued) {
                    queued.add(Thread.currentThread());
                }
                return together.transact(connection -> {
                    insert(connection, note);
                    return note * 10;
                });
            }));
        }
        awaitParked(queued, 5);
        release.countDown();

        assertEquals(0, first.get(10, TimeUnit.SECONDS));
        for (int id = 1; id <= 5; id++) {
            assertEquals(id * 10, followers.get(id - 1).get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, transactions.get(), "the five that waited were committed together");
        assertEquals(6, count());
    }

    @Test
    void aWorkThatFailsIsUndoneAloneAndItsCallerToldWhy() throws Exception {
        storage.transact(connection -> insert(connection, 7));
        GroupCommit together = new GroupCommit(counted, 100);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> leader = callers.submit(() -> together.transact(connection -> {
            awaitRelease(release);
            return insert(connection, 1);
        }));
        awaitTransactions(1);
        List<Thread> queued = new ArrayList<>();
        Future<Integer> failing = callers.submit(() -> {
            synchronized (queued) {
                queued.add(Thread.currentThread());
            }
            return together.transact(connection -> insert(connection, 2) + insert(connection, 7));
        });
        awaitParked(queued, 1);
        Future<Integer> broken = callers.submit(() -> {
            synchronized (queued) {
                queued.add(Thread.currentThread());
            }
            return together.<Integer>transact(connection -> {
                throw new IllegalStateException("a bug in the work");
            });
        });
        awaitParked(queued, 2);
        Future<Integer> after = callers.submit(() -> {
            synchronized (queued) {
                queued.add(Thread.currentThread());
            }
            return together.transact(connection -> insert(connection, 3));
        });
        awaitParked(queued, 3);
        release.countDown();

        assertEquals(1, leader.get(10, TimeUnit.SECONDS));
        assertEquals(1, after.get(10, TimeUnit.SECONDS));
        Exception duplicate = assertThrows(Exception.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertTrue(duplicate.getCause() instanceof StorageException, duplicate.toString());
        assertTrue(duplicate.getCause().getMessage().contains("Could not complete a database transaction"), duplicate.getCause().getMessage());
        Exception bug = assertThrows(Exception.class, () -> broken.get(10, TimeUnit.SECONDS));
        assertTrue(bug.getCause() instanceof IllegalStateException, bug.toString());
        assertEquals(List.of(1, 3, 7), ids(), "note 2 went with the work that failed");
    }

    @Test
    void manyCallersAtOnceAllGetTheirWorkCommitted() throws Exception {
        GroupCommit together = new GroupCommit(counted, 8);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int thread = 0; thread < 16; thread++) {
            int base = thread * 100;
            calls.add(callers.submit(() -> {
                int done = 0;
                for (int i = 0; i < 50; i++) {
                    int id = base + i;
                    done += together.transact(connection -> insert(connection, id));
                }
                return done;
            }));
        }
        for (Future<Integer> call : calls) {
            assertEquals(50, call.get(60, TimeUnit.SECONDS));
        }
        assertEquals(800, count());
    }

    private static void awaitRelease(CountDownLatch release) throws SQLException {
        try {
            release.await();
        } catch (InterruptedException e) {
            throw new SQLException("interrupted", e);
        }
    }

    private static int insert(java.sql.Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (id, text) VALUES (?, 'note')")) {
            insert.setInt(1, id);
            return insert.executeUpdate();
        }
    }

    private int count() throws StorageException {
        return ids().size();
    }

    private List<Integer> ids() throws StorageException {
        return storage.transact(connection -> {
            List<Integer> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM notes ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
            return ids;
        });
    }

    private void awaitTransactions(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transactions.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, transactions.get());
    }

    /** Waits until {@code count} callers have queued their work and are parked behind the leader. */
    private static void awaitParked(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() >= count && threads.stream().limit(count).allMatch(GroupCommitTest::parked)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the callers did not queue up behind the leader");
    }

    private static boolean parked(Thread thread) {
        return thread.getState() == Thread.State.WAITING && thread.getStackTrace().length > 0
                && java.util.Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("awaitTurn"));
    }
}
