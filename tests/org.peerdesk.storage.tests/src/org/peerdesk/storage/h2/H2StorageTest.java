package org.peerdesk.storage.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.StorageException;

class H2StorageTest {

    private static final Migration CREATE = Migration.sql(1, "notes", "CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, text VARCHAR(100))");
    private static final Migration ADD_COLUMN = Migration.sql(2, "note authors", "ALTER TABLE notes ADD COLUMN IF NOT EXISTS author VARCHAR(40)");

    @TempDir
    Path home;

    private interface StorageTest {
        void run(H2Storage storage) throws Exception;
    }

    private void withStorage(StorageTest test) throws Exception {
        try (DataDirectory directory = DataDirectory.open(home.resolve("node"));
                H2Storage storage = new H2Storage(directory)) {
            test.run(storage);
        }
    }

    @Test
    void migrationsRunInOrderOnceAndAreRecorded() throws Exception {
        List<Integer> applied = new ArrayList<>();
        Migration first = new Migration(1, "first", connection -> {
            applied.add(1);
            CREATE.step().apply(connection);
        });
        Migration second = new Migration(2, "second", connection -> {
            applied.add(2);
            ADD_COLUMN.step().apply(connection);
        });
        withStorage(storage -> {
            storage.migrate(AreaSchema.of("notes", first));
            storage.migrate(AreaSchema.of("notes", first, second));
            storage.migrate(AreaSchema.of("notes", first, second));
            assertEquals(2, storage.schemaVersion("notes"));
            assertEquals(0, storage.schemaVersion("elsewhere"));
        });
        assertEquals(List.of(1, 2), applied);
        withStorage(storage -> {
            storage.migrate(AreaSchema.of("notes", first, second));
            storage.transact(c -> c.createStatement().executeUpdate("INSERT INTO notes VALUES (1, 'x', 'me')"));
        });
        assertEquals(List.of(1, 2), applied, "a restart does not run migrations again");
    }

    @Test
    void aDatabaseFromANewerPeerdeskIsRefusedSayingSo() throws Exception {
        withStorage(storage -> storage.migrate(AreaSchema.of("notes", CREATE, ADD_COLUMN)));
        withStorage(storage -> {
            StorageException refused = assertThrows(StorageException.class, () -> storage.migrate(AreaSchema.of("notes", CREATE)));
            assertTrue(refused.getMessage().contains("newer Peerdesk"), refused.getMessage());
            assertEquals(2, storage.schemaVersion("notes"), "nothing was changed");
        });
    }

    @Test
    void aFailingMigrationLeavesTheAreaAtItsLastGoodVersion() throws Exception {
        Migration broken = Migration.sql(2, "broken", "ALTER TABLE no_such_table ADD COLUMN x INT");
        withStorage(storage -> {
            StorageException failed = assertThrows(StorageException.class,
                    () -> storage.migrate(AreaSchema.of("notes", CREATE, broken)));
            assertTrue(failed.getMessage().contains("migrate the notes tables"), failed.getMessage());
            assertEquals(1, storage.schemaVersion("notes"));
            storage.migrate(AreaSchema.of("notes", CREATE, ADD_COLUMN));
            assertEquals(2, storage.schemaVersion("notes"));
        });
    }

    @Test
    void aTransactionThatThrowsLeavesNoTrace() throws Exception {
        withStorage(storage -> {
            storage.migrate(AreaSchema.of("notes", CREATE));
            assertThrows(StorageException.class, () -> storage.transact(c -> {
                c.createStatement().executeUpdate("INSERT INTO notes VALUES (1, 'kept?')");
                throw new SQLException("simulated failure after the first write");
            }));
            assertEquals(0, count(storage));
            storage.transact(c -> c.createStatement().executeUpdate("INSERT INTO notes VALUES (1, 'kept')"));
        });
        withStorage(storage -> assertEquals(1, count(storage), "a committed transaction survives a restart"));
    }

    @Test
    void aDamagedDatabaseFileIsReportedAndLeftForRecovery() throws Exception {
        withStorage(storage -> storage.migrate(AreaSchema.of("notes", CREATE)));
        Path file = home.resolve("node/db/peerdesk.mv.db");
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(file, garbage);
        try (DataDirectory directory = DataDirectory.open(home.resolve("node"))) {
            StorageException refused = assertThrows(StorageException.class, () -> new H2Storage(directory));
            assertTrue(refused.getMessage().contains("cannot be opened"), refused.getMessage());
        }
        assertArrayEquals(garbage, Files.readAllBytes(file), "the damaged file is kept as it was");
    }

    @Test
    void aFileWhoseHeadersSurviveButNoDataIsRefusedNotStartedAfresh() throws Exception {
        withStorage(storage -> {
            storage.migrate(AreaSchema.of("notes", CREATE));
            for (int i = 0; i < 2000; i++) {
                int id = i;
                storage.transact(c -> c.createStatement().executeUpdate("INSERT INTO notes VALUES (" + id + ", 'note')"));
            }
        });
        Path file = home.resolve("node/db/peerdesk.mv.db");
        byte[] damaged = Files.readAllBytes(file);
        byte[] noise = new byte[damaged.length - 8192];
        new java.util.Random(2).nextBytes(noise);
        System.arraycopy(noise, 0, damaged, 8192, noise.length);
        Files.write(file, damaged);
        try (DataDirectory directory = DataDirectory.open(home.resolve("node"))) {
            StorageException refused = assertThrows(StorageException.class, () -> new H2Storage(directory));
            assertTrue(refused.getMessage().contains("none of which H2 can read"), refused.getMessage());
        }
        assertArrayEquals(damaged, Files.readAllBytes(file), "H2 did not start a new database over the damaged one");
    }

    @Test
    void aSoundFilePastItsHeadersOpensAfterTheReadOnlyLook() throws Exception {
        withStorage(storage -> storage.migrate(AreaSchema.of("notes", CREATE)));
        Path file = home.resolve("node/db/peerdesk.mv.db");
        assertTrue(Files.size(file) > 8192, "the test needs a file past the headers");
        withStorage(storage -> assertEquals(1, storage.schemaVersion("notes"), "the read-only look let go of the file"));
    }

    private static int count(H2Storage storage) throws StorageException {
        return storage.transact(c -> {
            try (ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM notes")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
