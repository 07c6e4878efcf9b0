package org.peerdesk.backup.core;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * What this node knows about its own backups, in its database: the vault secret, the sets, where
 * each chunk is held, the files already chunked, the snapshots and the chunks each one needs, and
 * deletions that wait for a holder to come back.
 */
final class Catalog {

    /** A file as the last run chunked it; unchanged size, time and file key mean the same chunks. */
    record CachedFile(long size, long modified, String fileKey, List<BlobId> chunks) {
    }

    /** A copy of a chunk a holder acknowledged. */
    record Copy(BlobId chunk, PeerId holder, int blobSize) {
    }

    /** A snapshot with what the catalog needs besides the public view: its record's ID and its tree's chunks. */
    record SnapshotRow(Snapshot snapshot, BlobId root, List<BlobId> tree) {
    }

    private static final String SECRET = "vault-secret";
    private static final String PHRASE_NOTED = "recovery-phrase-noted";
    private static final String RECOVERY_FILE_HOLDERS = "recovery-file-holders";

    private final Storage storage;

    Catalog(Storage storage) {
        this.storage = storage;
    }

    <T> T run(SqlWork<T> work) throws BackupException {
        try {
            return storage.transact(work);
        } catch (StorageException e) {
            throw new BackupException("The backup catalog is not available: " + e.getMessage(), e);
        }
    }

    // --- settings -------------------------------------------------------------------------------

    Optional<byte[]> setting(String name) throws BackupException {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT content FROM backup_settings WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    void saveSetting(String name, byte[] content) throws BackupException {
        run(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO backup_settings (name, content) KEY (name) VALUES (?, ?)")) {
                merge.setString(1, name);
                merge.setBytes(2, content);
                return merge.executeUpdate();
            }
        });
    }

    Optional<byte[]> secret() throws BackupException {
        return setting(SECRET);
    }

    void saveSecret(byte[] secret) throws BackupException {
        saveSetting(SECRET, secret);
    }

    boolean phraseNoted() throws BackupException {
        return setting(PHRASE_NOTED).isPresent();
    }

    void notePhrase() throws BackupException {
        saveSetting(PHRASE_NOTED, new byte[] {1});
    }

    /** The holders the last recovery file kept names; empty when none was kept. */
    Optional<Set<PeerId>> recoveryFileHolders() throws BackupException {
        return setting(RECOVERY_FILE_HOLDERS).map(stored -> {
            Set<PeerId> holders = new LinkedHashSet<>();
            for (int at = 0; at < stored.length; at += PeerId.LENGTH) {
                holders.add(new PeerId(Arrays.copyOfRange(stored, at, at + PeerId.LENGTH)));
            }
            return holders;
        });
    }

    void noteRecoveryFile(Set<PeerId> holders) throws BackupException {
        ByteBuffer stored = ByteBuffer.allocate(holders.size() * PeerId.LENGTH);
        holders.forEach(holder -> stored.put(holder.bytes()));
        saveSetting(RECOVERY_FILE_HOLDERS, stored.array());
    }

    /** A holder's setting that is a length of time, empty where the user never set it. */
    Optional<Duration> duration(HeldFor setting) throws BackupException {
        return setting(setting.key).map(bytes -> Duration.ofSeconds(ByteBuffer.wrap(bytes).getLong()));
    }

    void saveDuration(HeldFor setting, Duration duration) throws BackupException {
        saveSetting(setting.key, ByteBuffer.allocate(8).putLong(duration.toSeconds()).array());
    }

    /** How long a holder keeps what it would otherwise remove at once. */
    enum HeldFor {
        /** Other peers' backups after their grant to store here ended. */
        AFTER_GRANT_ENDS("removal-grace-seconds"),
        /** What owners deleted of their backups (see {@link HolderStore#delete}). */
        AFTER_OWNER_DELETES("keep-deleted-seconds");

        private final String key;

        HeldFor(String key) {
            this.key = key;
        }
    }

    // --- sets -----------------------------------------------------------------------------------

    record SetRow(SetDefinition definition, Optional<Instant> lastRun, Optional<String> lastProblem, Optional<Instant> lastCheck,
            Optional<String> checkProblem) {
    }

    void saveSet(SetDefinition set) throws BackupException {
        run(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO backup_sets (name, folders, holders, copies, "
                    + "every_seconds, sources) KEY (name) VALUES (?, ?, ?, ?, ?, ?)")) {
                merge.setString(1, set.name());
                merge.setString(2, String.join("\n", set.folders()));
                merge.setString(3, String.join("\n", set.holders()));
                merge.setInt(4, set.copies());
                merge.setLong(5, set.everySeconds());
                merge.setString(6, String.join("\n", set.sources()));
                return merge.executeUpdate();
            }
        });
    }

    boolean removeSet(String name) throws BackupException {
        return run(connection -> {
            try (PreparedStatement files = connection.prepareStatement("DELETE FROM backup_files WHERE set_name = ?");
                    PreparedStatement set = connection.prepareStatement("DELETE FROM backup_sets WHERE name = ?")) {
                files.setString(1, name);
                files.executeUpdate();
                set.setString(1, name);
                return set.executeUpdate() > 0;
            }
        });
    }

    List<SetRow> sets() throws BackupException {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, folders, holders, copies, every_seconds, last_run, last_problem, last_check, check_problem, sources"
                            + " FROM backup_sets ORDER BY name");
                    ResultSet rows = select.executeQuery()) {
                List<SetRow> sets = new ArrayList<>();
                while (rows.next()) {
                    sets.add(new SetRow(new SetDefinition(rows.getString(1), lines(rows.getString(2)), lines(rows.getString(10)),
                            lines(rows.getString(3)), rows.getInt(4), rows.getLong(5)), Optional.ofNullable(rows.getTimestamp(6)).map(Timestamp::toInstant),
                            Optional.ofNullable(rows.getString(7)), Optional.ofNullable(rows.getTimestamp(8)).map(Timestamp::toInstant),
                            Optional.ofNullable(rows.getString(9))));
                }
                return sets;
            }
        });
    }

    void recordRun(String set, Instant when, Optional<String> problem) throws BackupException {
        record("UPDATE backup_sets SET last_run = ?, last_problem = ? WHERE name = ?", set, when, problem);
    }

    void recordCheck(String set, Instant when, Optional<String> problem) throws BackupException {
        record("UPDATE backup_sets SET last_check = ?, check_problem = ? WHERE name = ?", set, when, problem);
    }

    private void record(String update, String set, Instant when, Optional<String> problem) throws BackupException {
        run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setTimestamp(1, Timestamp.from(when));
                statement.setString(2, problem.map(text -> text.length() > 4000 ? text.substring(0, 4000) : text).orElse(null));
                statement.setString(3, set);
                return statement.executeUpdate();
            }
        });
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    // --- chunks and copies ----------------------------------------------------------------------

    /**
     * Every chunk this node placed, with the holders that acknowledged a copy. The map may be
     * changed from several threads; each holder set is guarded by itself.
     */
    Map<BlobId, Set<PeerId>> copies() throws BackupException {
        return run(connection -> {
            Map<BlobId, Set<PeerId>> copies = new ConcurrentHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT c.id, p.holder FROM backup_chunks c LEFT JOIN backup_copies p ON p.chunk = c.id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Set<PeerId> holders = copies.computeIfAbsent(new BlobId(rows.getBytes(1)), id -> new HashSet<>(4));
                    String holder = rows.getString(2);
                    if (holder != null) {
                        holders.add(SetDefinition.peerOf(holder));
                    }
                }
            }
            return copies;
        });
    }

    void addCopies(List<Copy> copies) throws BackupException {
        if (copies.isEmpty()) {
            return;
        }
        run(connection -> {
            try (PreparedStatement chunk = connection.prepareStatement("MERGE INTO backup_chunks (id, blob_size) KEY (id) VALUES (?, ?)");
                    PreparedStatement copy = connection.prepareStatement("MERGE INTO backup_copies (chunk, holder) KEY (chunk, holder) VALUES (?, ?)")) {
                for (Copy each : copies) {
                    chunk.setBytes(1, each.chunk().bytes());
                    chunk.setInt(2, each.blobSize());
                    chunk.addBatch();
                    copy.setBytes(1, each.chunk().bytes());
                    copy.setString(2, each.holder().toHex());
                    copy.addBatch();
                }
                chunk.executeBatch();
                copy.executeBatch();
            }
            return null;
        });
    }

    void removeCopy(BlobId chunk, PeerId holder) throws BackupException {
        run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM backup_copies WHERE chunk = ? AND holder = ?")) {
                delete.setBytes(1, chunk.bytes());
                delete.setString(2, holder.toHex());
                return delete.executeUpdate();
            }
        });
    }

    /** Forgets chunks entirely (no copy left, or no snapshot needs them), and the cached files made of them. */
    void removeChunks(Set<BlobId> chunks) throws BackupException {
        if (chunks.isEmpty()) {
            return;
        }
        run(connection -> {
            try (PreparedStatement copies = connection.prepareStatement("DELETE FROM backup_copies WHERE chunk = ?");
                    PreparedStatement chunk = connection.prepareStatement("DELETE FROM backup_chunks WHERE id = ?")) {
                for (BlobId id : chunks) {
                    copies.setBytes(1, id.bytes());
                    copies.addBatch();
                    chunk.setBytes(1, id.bytes());
                    chunk.addBatch();
                }
                copies.executeBatch();
                chunk.executeBatch();
            }
            forgetFilesWith(connection, chunks);
            return null;
        });
    }

    private static void forgetFilesWith(Connection connection, Set<BlobId> chunks) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT set_name, path, chunks FROM backup_files");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM backup_files WHERE set_name = ? AND path = ?");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (decodeIds(rows.getBytes(3)).stream().anyMatch(chunks::contains)) {
                    delete.setString(1, rows.getString(1));
                    delete.setString(2, rows.getString(2));
                    delete.executeUpdate();
                }
            }
        }
    }

    Map<BlobId, Integer> blobSizes() throws BackupException {
        return run(connection -> {
            Map<BlobId, Integer> sizes = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, blob_size FROM backup_chunks");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sizes.put(new BlobId(rows.getBytes(1)), rows.getInt(2));
                }
            }
            return sizes;
        });
    }

    // --- the file cache -------------------------------------------------------------------------

    Map<String, CachedFile> cachedFiles(String set) throws BackupException {
        return run(connection -> {
            Map<String, CachedFile> files = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT path, size, modified, file_key, chunks FROM backup_files WHERE set_name = ?")) {
                select.setString(1, set);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        files.put(rows.getString(1), new CachedFile(rows.getLong(2), rows.getLong(3), rows.getString(4),
                                decodeIds(rows.getBytes(5))));
                    }
                }
            }
            return files;
        });
    }

    /** Brings the set's file cache from {@code previous} to {@code files}, writing only what changed. */
    private static void saveFiles(Connection connection, String set, Map<String, CachedFile> files, Map<String, CachedFile> previous)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM backup_files WHERE set_name = ? AND path = ?")) {
            for (String gone : previous.keySet()) {
                if (!files.containsKey(gone)) {
                    delete.setString(1, set);
                    delete.setString(2, gone);
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        }
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO backup_files (set_name, path, size, modified, "
                + "file_key, chunks) KEY (set_name, path) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, CachedFile> file : files.entrySet()) {
                if (file.getValue().equals(previous.get(file.getKey()))) {
                    continue;
                }
                merge.setString(1, set);
                merge.setString(2, file.getKey());
                merge.setLong(3, file.getValue().size());
                merge.setLong(4, file.getValue().modified());
                merge.setString(5, file.getValue().fileKey());
                merge.setBytes(6, encodeIds(file.getValue().chunks()));
                merge.addBatch();
            }
            merge.executeBatch();
        }
    }

    // --- snapshots ------------------------------------------------------------------------------

    /**
     * Records a finished snapshot and the chunks it needs, and (unless {@code files} is null) brings
     * the file cache from {@code previous} to the files as this run found them, in one transaction.
     */
    void saveSnapshot(SnapshotRow row, Set<BlobId> needs, Map<String, CachedFile> files, Map<String, CachedFile> previous)
            throws BackupException {
        Snapshot snapshot = row.snapshot();
        run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO backup_snapshots (id, set_name, taken, files, "
                    + "bytes, uploaded, under_copied, root, tree, needs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, snapshot.id());
                insert.setString(2, snapshot.set());
                insert.setTimestamp(3, Timestamp.from(snapshot.time()));
                insert.setLong(4, snapshot.files());
                insert.setLong(5, snapshot.bytes());
                insert.setLong(6, snapshot.uploadedBytes());
                insert.setInt(7, snapshot.underCopied());
                insert.setBytes(8, row.root().bytes());
                insert.setBytes(9, encodeIds(row.tree()));
                insert.setBytes(10, encodeIds(needs));
                insert.executeUpdate();
            }
            if (files != null) {
                saveFiles(connection, snapshot.set(), files, previous);
            }
            return null;
        });
    }

    List<SnapshotRow> snapshots(String set) throws BackupException {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, set_name, taken, files, bytes, uploaded, "
                    + "under_copied, root, tree FROM backup_snapshots WHERE set_name = ? ORDER BY taken DESC, id DESC")) {
                select.setString(1, set);
                List<SnapshotRow> snapshots = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        snapshots.add(new SnapshotRow(new Snapshot(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                                rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getInt(7)), new BlobId(rows.getBytes(8)),
                                decodeIds(rows.getBytes(9))));
                    }
                }
                return snapshots;
            }
        });
    }

    boolean hasSnapshot(String id) throws BackupException {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM backup_snapshots WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    void deleteSnapshot(String id) throws BackupException {
        run(connection -> {
            try (PreparedStatement snapshot = connection.prepareStatement("DELETE FROM backup_snapshots WHERE id = ?")) {
                snapshot.setString(1, id);
                return snapshot.executeUpdate();
            }
        });
    }

    /** The chunks the snapshots of {@code set} need (every set's when null). */
    Set<BlobId> needed(String set) throws BackupException {
        return run(connection -> {
            Set<BlobId> needed = new HashSet<>();
            String sql = set == null ? "SELECT needs FROM backup_snapshots" : "SELECT needs FROM backup_snapshots WHERE set_name = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (set != null) {
                    select.setString(1, set);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        needed.addAll(decodeIds(rows.getBytes(1)));
                    }
                }
            }
            return needed;
        });
    }

    // --- deletions waiting for a holder ---------------------------------------------------------

    void addPendingDeletes(PeerId holder, List<BlobId> ids) throws BackupException {
        run(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO backup_pending_deletes (holder, id) KEY (holder, id) VALUES (?, ?)")) {
                for (BlobId id : ids) {
                    merge.setString(1, holder.toHex());
                    merge.setBytes(2, id.bytes());
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            return null;
        });
    }

    List<BlobId> pendingDeletes(PeerId holder) throws BackupException {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM backup_pending_deletes WHERE holder = ?")) {
                select.setString(1, holder.toHex());
                List<BlobId> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(new BlobId(rows.getBytes(1)));
                    }
                }
                return ids;
            }
        });
    }

    void clearPendingDeletes(PeerId holder, List<BlobId> ids) throws BackupException {
        run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM backup_pending_deletes WHERE holder = ? AND id = ?")) {
                for (BlobId id : ids) {
                    delete.setString(1, holder.toHex());
                    delete.setBytes(2, id.bytes());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    /**
     * Takes back the deletions still waiting to go out for any of {@code ids}; returns them per holder (which, the deletion
     * never having reached it, still holds them).
     */
    Map<PeerId, List<BlobId>> cancelPendingDeletes(Set<BlobId> ids) throws BackupException {
        return run(connection -> {
            Map<PeerId, List<BlobId>> cancelled = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT holder, id FROM backup_pending_deletes");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    BlobId id = new BlobId(rows.getBytes(2));
                    if (ids.contains(id)) {
                        cancelled.computeIfAbsent(SetDefinition.peerOf(rows.getString(1)), any -> new ArrayList<>()).add(id);
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM backup_pending_deletes WHERE holder = ? AND id = ?")) {
                for (Map.Entry<PeerId, List<BlobId>> holder : cancelled.entrySet()) {
                    for (BlobId id : holder.getValue()) {
                        delete.setString(1, holder.getKey().toHex());
                        delete.setBytes(2, id.bytes());
                        delete.addBatch();
                    }
                }
                delete.executeBatch();
            }
            return cancelled;
        });
    }

    /** The holders that deletions wait for. */
    Set<PeerId> holdersWithPendingDeletes() throws BackupException {
        return run(connection -> {
            Set<PeerId> holders = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT holder FROM backup_pending_deletes");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holders.add(SetDefinition.peerOf(rows.getString(1)));
                }
            }
            return holders;
        });
    }

    static byte[] encodeIds(Collection<BlobId> ids) {
        ByteBuffer buffer = ByteBuffer.allocate(ids.size() * VaultKeys.ID_BYTES);
        ids.forEach(id -> buffer.put(id.bytes()));
        return buffer.array();
    }

    static List<BlobId> decodeIds(byte[] bytes) {
        List<BlobId> ids = new ArrayList<>(bytes.length / VaultKeys.ID_BYTES);
        for (int at = 0; at + VaultKeys.ID_BYTES <= bytes.length; at += VaultKeys.ID_BYTES) {
            ids.add(new BlobId(Arrays.copyOfRange(bytes, at, at + VaultKeys.ID_BYTES)));
        }
        return ids;
    }
}
