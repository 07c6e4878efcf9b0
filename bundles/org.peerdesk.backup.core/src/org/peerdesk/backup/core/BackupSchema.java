package org.peerdesk.backup.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;

/**
 * The backup area's tables. As an owner: this node's vault secret and settings, its sets, the chunks
 * it has placed and on which holders, the files it already chunked (so unchanged files are not read
 * again), its snapshots with the chunks each needs, and deletions waiting for a holder to come back.
 * As a holder: the vaults it keeps for other peers and the blobs in each (the blobs themselves are
 * appended to pack files under the data directory's {@code backup-store}).
 */
final class BackupSchema {

    static final AreaSchema SCHEMA = AreaSchema.of("backup",
            Migration.sql(1, "backup sets, chunks, snapshots, and the store for other peers",
                    "CREATE TABLE IF NOT EXISTS backup_settings (name VARCHAR(64) PRIMARY KEY, content VARBINARY(4096) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS backup_sets (name VARCHAR(200) PRIMARY KEY, folders VARCHAR(100000) NOT NULL, "
                            + "holders VARCHAR(20000) NOT NULL, copies INT NOT NULL, every_seconds BIGINT NOT NULL, "
                            + "last_run TIMESTAMP WITH TIME ZONE, last_problem VARCHAR(4000))",
                    "CREATE TABLE IF NOT EXISTS backup_chunks (id BINARY(32) PRIMARY KEY, blob_size INT NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS backup_copies (chunk BINARY(32) NOT NULL, holder CHAR(64) NOT NULL, "
                            + "PRIMARY KEY (chunk, holder))",
                    "CREATE INDEX IF NOT EXISTS backup_copies_by_holder ON backup_copies (holder)",
                    "CREATE TABLE IF NOT EXISTS backup_files (set_name VARCHAR(200) NOT NULL, path VARCHAR(8192) NOT NULL, "
                            + "size BIGINT NOT NULL, modified BIGINT NOT NULL, file_key VARCHAR(200) NOT NULL, chunks VARBINARY NOT NULL, "
                            + "PRIMARY KEY (set_name, path))",
                    "CREATE TABLE IF NOT EXISTS backup_snapshots (id CHAR(32) PRIMARY KEY, set_name VARCHAR(200) NOT NULL, "
                            + "taken TIMESTAMP WITH TIME ZONE NOT NULL, files BIGINT NOT NULL, bytes BIGINT NOT NULL, "
                            + "uploaded BIGINT NOT NULL, under_copied INT NOT NULL, root BINARY(32) NOT NULL, tree VARBINARY NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS backup_snapshots_by_set ON backup_snapshots (set_name, taken)",
                    "CREATE TABLE IF NOT EXISTS backup_refs (snapshot CHAR(32) NOT NULL, chunk BINARY(32) NOT NULL, "
                            + "PRIMARY KEY (snapshot, chunk))",
                    "CREATE INDEX IF NOT EXISTS backup_refs_by_chunk ON backup_refs (chunk)",
                    "CREATE TABLE IF NOT EXISTS backup_pending_deletes (holder CHAR(64) NOT NULL, id BINARY(32) NOT NULL, "
                            + "PRIMARY KEY (holder, id))",
                    "CREATE TABLE IF NOT EXISTS held_vaults (vault CHAR(64) PRIMARY KEY, owner CHAR(64) NOT NULL, "
                            + "bytes BIGINT NOT NULL, blobs INT NOT NULL, orphaned_since TIMESTAMP WITH TIME ZONE)",
                    "CREATE INDEX IF NOT EXISTS held_vaults_by_owner ON held_vaults (owner)",
                    "CREATE TABLE IF NOT EXISTS held_blobs (vault CHAR(64) NOT NULL, id BINARY(32) NOT NULL, kind TINYINT NOT NULL, "
                            + "size INT NOT NULL, pack INT NOT NULL, position BIGINT NOT NULL, PRIMARY KEY (vault, id))",
                    "CREATE INDEX IF NOT EXISTS held_blobs_by_pack ON held_blobs (vault, pack)"),
            new Migration(2, "a snapshot's chunks as one value on its row, not one row per chunk", BackupSchema::needsOnTheSnapshot),
            Migration.sql(3, "when each set's copies were last checked, and what the check found",
                    "ALTER TABLE backup_sets ADD COLUMN IF NOT EXISTS last_check TIMESTAMP WITH TIME ZONE",
                    "ALTER TABLE backup_sets ADD COLUMN IF NOT EXISTS check_problem VARCHAR(4000)"),
            Migration.sql(4, "which peer stored in a held vault before its owner now, and since when that owner does",
                    "ALTER TABLE held_vaults ADD COLUMN IF NOT EXISTS previous_owner CHAR(64)",
                    "ALTER TABLE held_vaults ADD COLUMN IF NOT EXISTS owner_since TIMESTAMP WITH TIME ZONE"),
            Migration.sql(5, "blobs their owner deleted, kept a while in case the deletion was not the owner's will",
                    "ALTER TABLE held_blobs ADD COLUMN IF NOT EXISTS deleted TIMESTAMP WITH TIME ZONE",
                    "CREATE INDEX IF NOT EXISTS held_blobs_deleted ON held_blobs (deleted)"),
            Migration.sql(6, "the sources of areas' and plugins' own data that each set keeps beside its folders",
                    "ALTER TABLE backup_sets ADD COLUMN IF NOT EXISTS sources VARCHAR(4000) NOT NULL DEFAULT ''"),
            Migration.sql(7, "the peers that proved they have the phrase of a vault held here for another owner, kept a day",
                    "CREATE TABLE IF NOT EXISTS vault_claims (peer CHAR(64) NOT NULL, owner CHAR(64) NOT NULL, "
                            + "proved TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (peer, owner))"));

    /**
     * Writing one row per chunk was a third of a no-change run's work. Safe to run twice: the old
     * table is read only while it exists, and dropped last.
     */
    private static void needsOnTheSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE backup_snapshots ADD COLUMN IF NOT EXISTS needs VARBINARY NOT NULL DEFAULT X''");
            if (!hasTable(connection, "BACKUP_REFS")) {
                return;
            }
            Map<String, List<BlobId>> needs = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT snapshot, chunk FROM backup_refs")) {
                while (rows.next()) {
                    needs.computeIfAbsent(rows.getString(1), any -> new ArrayList<>()).add(new BlobId(rows.getBytes(2)));
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE backup_snapshots SET needs = ? WHERE id = ?")) {
                for (Map.Entry<String, List<BlobId>> snapshot : needs.entrySet()) {
                    update.setBytes(1, Catalog.encodeIds(snapshot.getValue()));
                    update.setString(2, snapshot.getKey());
                    update.executeUpdate();
                }
            }
            statement.execute("DROP TABLE backup_refs");
        }
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private BackupSchema() {
    }
}
