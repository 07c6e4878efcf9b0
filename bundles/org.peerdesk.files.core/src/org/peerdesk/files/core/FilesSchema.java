package org.peerdesk.files.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;

/** The file-sharing area's tables: shares, their indexes, transfers, and two-way sync. */
final class FilesSchema {

    static final AreaSchema SCHEMA = AreaSchema.of("files",
            Migration.sql(1, "shares, share indexes and transfers",
                    "CREATE TABLE IF NOT EXISTS shares (id VARCHAR(32) PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE, "
                            + "folder VARCHAR(4096) NOT NULL, created TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "last_scan TIMESTAMP WITH TIME ZONE, problem VARCHAR(2000))",
                    "CREATE TABLE IF NOT EXISTS share_files (share_id VARCHAR(32) NOT NULL, path VARCHAR(4096) NOT NULL, "
                            + "parent VARCHAR(4096) NOT NULL, name VARCHAR(1024) NOT NULL, directory BOOLEAN NOT NULL, "
                            + "size BIGINT NOT NULL, modified_ns BIGINT NOT NULL, mode INT NOT NULL, file_key VARCHAR(128) NOT NULL, "
                            + "block_size INT NOT NULL, hashes VARBINARY NOT NULL, deleted BOOLEAN NOT NULL, sequence BIGINT NOT NULL, "
                            + "PRIMARY KEY (share_id, path))",
                    "CREATE INDEX IF NOT EXISTS share_files_by_parent ON share_files (share_id, parent, name)",
                    "CREATE TABLE IF NOT EXISTS transfers (id BIGINT AUTO_INCREMENT PRIMARY KEY, direction VARCHAR(16) NOT NULL, "
                            + "peer_id CHAR(64) NOT NULL, remote VARCHAR(4096) NOT NULL, local_path VARCHAR(4096) NOT NULL, "
                            + "state VARCHAR(16) NOT NULL, bytes_done BIGINT NOT NULL, bytes_total BIGINT NOT NULL, "
                            + "files_done INT NOT NULL, files_total INT NOT NULL, problem VARCHAR(2000), "
                            + "created TIMESTAMP WITH TIME ZONE NOT NULL)"),
            Migration.sql(2, "two-way sync: pairs, the versions both sides last agreed on, conflicts, settings",
                    "CREATE TABLE IF NOT EXISTS sync_pairs (share_id VARCHAR(32) NOT NULL, peer_id CHAR(64) NOT NULL, "
                            + "remote_share VARCHAR(64) NOT NULL, last_sync TIMESTAMP WITH TIME ZONE, files_in INT NOT NULL, "
                            + "files_removed INT NOT NULL, problem VARCHAR(2000), PRIMARY KEY (share_id, peer_id))",
                    "CREATE TABLE IF NOT EXISTS sync_bases (share_id VARCHAR(32) NOT NULL, peer_id CHAR(64) NOT NULL, "
                            + "path VARCHAR(4096) NOT NULL, version BINARY(32) NOT NULL, PRIMARY KEY (share_id, peer_id, path))",
                    "CREATE TABLE IF NOT EXISTS sync_conflicts (id BIGINT AUTO_INCREMENT PRIMARY KEY, share_id VARCHAR(32) NOT NULL, "
                            + "path VARCHAR(4096) NOT NULL, copy_path VARCHAR(4096) NOT NULL, author CHAR(64) NOT NULL, "
                            + "found TIMESTAMP WITH TIME ZONE NOT NULL, UNIQUE (share_id, copy_path))",
                    "CREATE TABLE IF NOT EXISTS files_settings (name VARCHAR(64) PRIMARY KEY, content BIGINT NOT NULL)"),
            Migration.sql(3, "a share's changes in the order they were indexed",
                    "CREATE INDEX IF NOT EXISTS share_files_by_sequence ON share_files (share_id, sequence)"),
            Migration.sql(4, "how far each sync pair has read its peer's index",
                    "ALTER TABLE sync_pairs ADD COLUMN IF NOT EXISTS remote_index VARCHAR(32)",
                    "ALTER TABLE sync_pairs ADD COLUMN IF NOT EXISTS remote_sequence BIGINT"),
            Migration.sql(5, "the folders a sync pair keeps in sync, when not the whole share",
                    "ALTER TABLE sync_pairs ADD COLUMN IF NOT EXISTS folders VARCHAR"),
            Migration.sql(6, "sync pairs the user paused",
                    "ALTER TABLE sync_pairs ADD COLUMN IF NOT EXISTS paused BOOLEAN DEFAULT FALSE NOT NULL"),
            new Migration(7, "a folder's entries listed folders first, then by name as people sort them",
                    FilesSchema::addListKeys),
            Migration.sql(8, "when each sync pair's peer last read the share's changes: whether it syncs back",
                    "ALTER TABLE sync_pairs ADD COLUMN IF NOT EXISTS peer_read TIMESTAMP WITH TIME ZONE"));

    /** Rows keyed at a time while existing indexes get their list keys: a share of any size is never read whole. */
    private static final int KEYED_AT_ONCE = 10_000;

    private FilesSchema() {
    }

    private static void addListKeys(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE share_files ADD COLUMN IF NOT EXISTS list_key VARCHAR");
        }
        try (PreparedStatement unkeyed = connection.prepareStatement(
                "SELECT share_id, path, name, directory FROM share_files WHERE list_key IS NULL LIMIT " + KEYED_AT_ONCE);
                PreparedStatement key = connection.prepareStatement("UPDATE share_files SET list_key = ? WHERE share_id = ? AND path = ?")) {
            int keyed;
            do {
                keyed = 0;
                try (ResultSet rows = unkeyed.executeQuery()) {
                    while (rows.next()) {
                        key.setString(1, ListOrder.key(rows.getString(3), rows.getBoolean(4)));
                        key.setString(2, rows.getString(1));
                        key.setString(3, rows.getString(2));
                        key.addBatch();
                        keyed++;
                    }
                }
                key.executeBatch();
            } while (keyed == KEYED_AT_ONCE);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE share_files ALTER COLUMN list_key SET NOT NULL");
            statement.execute("DROP INDEX IF EXISTS share_files_by_parent");
            statement.execute("CREATE INDEX IF NOT EXISTS share_files_in_list_order ON share_files (share_id, parent, list_key, name)");
        }
    }
}
