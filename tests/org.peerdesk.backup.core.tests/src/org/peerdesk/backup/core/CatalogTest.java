package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.testing.Schema;

/** The chunks each snapshot needs: what prune keeps and verify checks. */
class CatalogTest {

    @TempDir
    Path temp;

    @Test
    void theChunksASnapshotNeedsAreKeptPerSetUntilItIsDeleted() throws Exception {
        try (DataDirectory directory = DataDirectory.open(temp.resolve("node")); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(BackupSchema.SCHEMA);
            Catalog catalog = new Catalog(storage);
            Set<BlobId> documents = ids(1, 2, 3);
            Set<BlobId> photos = ids(3, 4);
            catalog.saveSnapshot(row("a1", "documents"), documents, null, Map.of());
            catalog.saveSnapshot(row("b1", "photos"), photos, null, Map.of());

            assertEquals(documents, catalog.needed("documents"));
            assertEquals(ids(1, 2, 3, 4), catalog.needed(null));
            catalog.deleteSnapshot("a1");
            assertEquals(Set.of(), catalog.needed("documents"));
            assertEquals(photos, catalog.needed(null));
        }
    }

    @Test
    void aCatalogFromBeforeTheChunksMovedOntoTheSnapshotKeepsThem() throws Exception {
        Path node = temp.resolve("node");
        try (DataDirectory directory = DataDirectory.open(node); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(new AreaSchema("backup", List.of(BackupSchema.SCHEMA.migrations().get(0))));
            storage.transact(connection -> {
                try (PreparedStatement snapshot = connection.prepareStatement("INSERT INTO backup_snapshots (id, set_name, taken, "
                        + "files, bytes, uploaded, under_copied, root, tree) VALUES (?, 'documents', CURRENT_TIMESTAMP, 0, 0, 0, 0, ?, X'')");
                        PreparedStatement ref = connection.prepareStatement("INSERT INTO backup_refs (snapshot, chunk) VALUES (?, ?)")) {
                    for (String id : List.of("a1", "a2")) {
                        snapshot.setString(1, id);
                        snapshot.setBytes(2, id(9).bytes());
                        snapshot.executeUpdate();
                    }
                    for (int chunk : new int[] {1, 2}) {
                        ref.setString(1, "a1");
                        ref.setBytes(2, id(chunk).bytes());
                        ref.executeUpdate();
                    }
                    ref.setString(1, "a2");
                    ref.setBytes(2, id(5).bytes());
                    ref.executeUpdate();
                }
                return null;
            });
        }
        try (DataDirectory directory = DataDirectory.open(node); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(BackupSchema.SCHEMA);
            Catalog catalog = new Catalog(storage);
            assertEquals(ids(1, 2, 5), catalog.needed("documents"));
            catalog.deleteSnapshot("a2");
            assertEquals(ids(1, 2), catalog.needed(null));
            assertFalse(Schema.hasTable(storage, "backup_refs"), "the old table is gone");
        }
    }

    private static Catalog.SnapshotRow row(String id, String set) {
        return new Catalog.SnapshotRow(new Snapshot(id, set, Instant.parse("2026-12-01T10:00:00Z"), 1, 1, 1, 0), id(9), List.of(id(9)));
    }

    private static Set<BlobId> ids(int... seeds) {
        Set<BlobId> ids = new HashSet<>();
        for (int seed : seeds) {
            ids.add(id(seed));
        }
        return ids;
    }

    private static BlobId id(int seed) {
        byte[] bytes = new byte[VaultKeys.ID_BYTES];
        bytes[0] = (byte) seed;
        return new BlobId(bytes);
    }
}
