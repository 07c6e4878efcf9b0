package org.peerdesk.files.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.files.FileEntry;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * The index of every share in the node's database: one row a file or folder, with the block hashes
 * of files. Removed files stay as rows marked deleted, so peers that sync learn of the removal. Each
 * write gives its rows the share's next sequence numbers, and a share's writes commit one at a time
 * in that order, so whoever has read every change up to a sequence number has missed none below it.
 */
final class ShareIndex {

    /** A change the scanner found: a new or changed entry (with its hashes), or a removal. */
    record Change(String path, IndexedFile file, int blockSize, byte[] hashes, boolean deleted) {

        static Change removed(String path) {
            return new Change(path, new IndexedFile(false, 0, 0, 0, ""), 0, new byte[0], true);
        }
    }

    /**
     * Index rows written after a sequence number, whether more follow, and the share's last sequence
     * number as the rows were read (every row up to it was there to be read; {@code since} when none was).
     */
    record ChangePage(List<FilesWire.IndexChange> changes, long last, boolean more) {
    }

    private static final String COLUMNS = "path, directory, size, modified_ns, mode";
    /** A share's last sequence number: one row read through the sequence index. */
    private static final String LAST_SEQUENCE =
            "SELECT sequence FROM share_files WHERE share_id = ? ORDER BY share_id DESC, sequence DESC LIMIT 1";

    private final Storage storage;
    private final Map<String, Object> writeLocks = new ConcurrentHashMap<>();
    /** How often each share's rows were written: a share's totals are counted again only after a write. */
    private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();
    private final Map<String, Totals> totals = new ConcurrentHashMap<>();

    /** A share's file count and bytes, counted when the share had been written {@code writes} times. */
    private record Totals(long writes, long files, long bytes) {
    }

    ShareIndex(Storage storage) {
        this.storage = storage;
    }

    /** Every live entry of a share with what the scanner compares. */
    Map<String, IndexedFile> snapshot(String shareId) throws StorageException {
        return storage.transact(connection -> {
            Map<String, IndexedFile> files = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT path, directory, size, modified_ns, mode, file_key FROM share_files WHERE share_id = ? AND NOT deleted")) {
                select.setString(1, shareId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        files.put(rows.getString(1), new IndexedFile(rows.getBoolean(2), rows.getLong(3), rows.getLong(4),
                                rows.getInt(5), rows.getString(6)));
                    }
                }
            }
            return files;
        });
    }

    /** Writes a batch of changes in one transaction, each with the share's next sequence number. */
    void apply(String shareId, List<Change> changes) throws StorageException {
        applyWhereStill(shareId, changes, change -> true);
    }

    /**
     * As {@link #apply}, for changes noted a while before (files a sync round placed): each is written
     * only while {@code stillSo} holds for it, checked under the share's write lock, so that a scan
     * that indexed a newer version meanwhile is not undone. Returns the paths left out.
     */
    List<String> applyWhereStill(String shareId, List<Change> changes, Predicate<Change> stillSo) throws StorageException {
        synchronized (writeLocks.computeIfAbsent(shareId, id -> new Object())) {
            Map<Boolean, List<Change>> byStill = changes.stream().collect(Collectors.partitioningBy(stillSo));
            if (!byStill.get(true).isEmpty()) {
                write(shareId, byStill.get(true));
                written(shareId).incrementAndGet();
            }
            return byStill.get(false).stream().map(Change::path).toList();
        }
    }

    /**
     * Writes the rows in path order (a stable sort: a path named twice keeps its order). Batches that
     * follow one another in path order, as a scan's do, then add to the index at one end instead of
     * all over it, which costs the database about half as much per row.
     */
    private void write(String shareId, List<Change> changes) throws StorageException {
        List<Change> inPathOrder = changes.stream().sorted(Comparator.comparing(Change::path)).toList();
        storage.transact(connection -> {
            long sequence = lastSequence(connection, shareId);
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO share_files (share_id, path, parent, name,"
                    + " directory, size, modified_ns, mode, file_key, block_size, hashes, deleted, sequence, list_key) KEY (share_id, path)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Change change : inPathOrder) {
                    String parent = SharePaths.parent(change.path());
                    String name = parent.isEmpty() ? change.path() : change.path().substring(parent.length() + 1);
                    merge.setString(1, shareId);
                    merge.setString(2, change.path());
                    merge.setString(3, parent);
                    merge.setString(4, name);
                    merge.setBoolean(5, change.file().directory());
                    merge.setLong(6, change.file().size());
                    merge.setLong(7, change.file().modifiedNanos());
                    merge.setInt(8, change.file().mode());
                    merge.setString(9, change.file().fileKey());
                    merge.setInt(10, change.blockSize());
                    merge.setBytes(11, change.hashes());
                    merge.setBoolean(12, change.deleted());
                    merge.setLong(13, ++sequence);
                    merge.setString(14, ListOrder.key(name, change.file().directory()));
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            return null;
        });
    }

    /**
     * The rows written after {@code since}, in the order they were written, at most {@code limit}: a
     * live file as its manifest, a removal or a folder as its path alone. From 0, the live files only.
     */
    ChangePage changes(String shareId, long since, int limit) throws StorageException {
        return storage.transact(connection -> {
            List<FilesWire.IndexChange> changes = new ArrayList<>();
            long last = since;
            // The last sequence number comes from the same statement as the rows: read by a statement of
            // its own, H2 (2.4, READ COMMITTED) can count a row that a concurrent commit makes visible to
            // one statement and not yet to the next.
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", block_size, hashes, deleted, sequence,"
                    + " (" + LAST_SEQUENCE + ") FROM share_files WHERE share_id = ? AND sequence > ? AND (? OR NOT (deleted OR directory))"
                    + " ORDER BY share_id, sequence LIMIT ?")) {
                select.setString(1, shareId);
                select.setString(2, shareId);
                select.setLong(3, since);
                select.setBoolean(4, since > 0);
                select.setInt(5, limit + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        boolean file = !rows.getBoolean(8) && !rows.getBoolean(2);
                        changes.add(new FilesWire.IndexChange(rows.getLong(9), rows.getString(1),
                                file ? new Manifest(entry(rows), rows.getInt(6), rows.getBytes(7)) : null));
                        last = rows.getLong(10);
                    }
                }
            }
            boolean more = changes.size() > limit;
            return new ChangePage(more ? List.copyOf(changes.subList(0, limit)) : changes, last, more);
        });
    }

    /** The live files among {@code paths}, by path, read in one transaction. */
    Map<String, Manifest> files(String shareId, Collection<String> paths) throws StorageException {
        return storage.transact(connection -> {
            Map<String, Manifest> files = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", block_size, hashes FROM share_files"
                    + " WHERE share_id = ? AND path = ? AND NOT deleted AND NOT directory")) {
                select.setString(1, shareId);
                for (String path : paths) {
                    select.setString(2, path);
                    for (Manifest manifest : manifests(select)) {
                        files.put(path, manifest);
                    }
                }
            }
            return files;
        });
    }

    /** Read through the sequence index: H2 reads every row of the share for MAX with a WHERE. */
    private static long lastSequence(Connection connection, String shareId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LAST_SEQUENCE)) {
            select.setString(1, shareId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /**
     * One page of a folder's live entries in {@link ListOrder}, after the entry that the page mark {@code after} names
     * (in index order, see {@link #manifestsUnder}).
     */
    List<FileEntry> page(String shareId, String folder, String after, int limit) throws StorageException {
        ListOrder.Mark mark = ListOrder.Mark.of(after);
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM share_files"
                    + " WHERE share_id = ? AND parent = ? AND list_key >= ? AND (list_key > ? OR name > ?) AND NOT deleted"
                    + " ORDER BY share_id, parent, list_key, name LIMIT ?")) {
                select.setString(1, shareId);
                select.setString(2, folder);
                select.setString(3, mark.key());
                select.setString(4, mark.key());
                select.setString(5, mark.name());
                select.setInt(6, limit);
                return entries(select);
            }
        });
    }

    /**
     * The live files and folders at or under {@code under} (all of the share when empty) whose names hold
     * every one of {@code words} (given in lower case), by path, at most {@code limit}. It reads every
     * row of that part of the share: a search is rare, and a name index of words would cost every scan.
     */
    List<FileEntry> find(String shareId, String under, List<String> words, int limit) throws StorageException {
        String within = under.isEmpty() ? "" : " AND (path = ? OR path > ? AND path < ?)";
        String matching = " AND LOCATE(?, LOWER(name)) > 0".repeat(words.size());
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM share_files"
                    + " WHERE share_id = ? AND NOT deleted" + within + matching + " ORDER BY share_id, path LIMIT ?")) {
                int next = 1;
                select.setString(next++, shareId);
                if (!under.isEmpty()) {
                    select.setString(next++, under);
                    select.setString(next++, under + "/");
                    select.setString(next++, under + "0"); // '0' follows '/': everything below under sorts before it
                }
                for (String word : words) {
                    select.setString(next++, word);
                }
                select.setInt(next, limit);
                return entries(select);
            }
        });
    }

    /** The live file (not folder) at {@code path}, with its hashes. */
    Optional<Manifest> manifest(String shareId, String path) throws StorageException {
        return Optional.ofNullable(files(shareId, List.of(path)).get(path));
    }

    /**
     * One page of the live files at or under {@code path} (all of the share when empty), by path, after
     * {@code after}. Pages walk the primary key as a range, so that paging through a large share stays
     * linear. (H2 reads rows in index order only when ORDER BY names the index's leading columns too;
     * ordering by path alone sorts the whole share for every page.)
     */
    List<Manifest> manifestsUnder(String shareId, String path, String after, int limit) throws StorageException {
        if (!path.isEmpty()) {
            Optional<Manifest> file = manifest(shareId, path);
            if (file.isPresent()) {
                return after.compareTo(path) < 0 ? List.of(file.get()) : List.of(); // a file has nothing below it
            }
        }
        String from = path.isEmpty() || after.compareTo(path + "/") > 0 ? after : path + "/";
        String to = path.isEmpty() ? "\uffff" : path + "0"; // '0' follows '/': everything below path sorts before it
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", block_size, hashes FROM share_files"
                    + " WHERE share_id = ? AND path > ? AND path < ? AND NOT deleted AND NOT directory ORDER BY share_id, path LIMIT ?")) {
                select.setString(1, shareId);
                select.setString(2, from);
                select.setString(3, to);
                select.setInt(4, limit);
                return manifests(select);
            }
        });
    }

    /** The live entry at {@code path}. */
    Optional<FileEntry> entry(String shareId, String path) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM share_files"
                    + " WHERE share_id = ? AND path = ? AND NOT deleted")) {
                select.setString(1, shareId);
                select.setString(2, path);
                return entries(select).stream().findFirst();
            }
        });
    }

    /** Whether {@code path} is a live folder of the share (the top always is). */
    boolean isFolder(String shareId, String path) throws StorageException {
        if (path.isEmpty()) {
            return true;
        }
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM share_files WHERE share_id = ? AND path = ? AND directory AND NOT deleted")) {
                select.setString(1, shareId);
                select.setString(2, path);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * The share's live files and their bytes, but for those its ignore rules came to leave out after it
     * was indexed (the index keeps them, unserved). Counting reads every row of the share, so the count
     * is kept until the share is written again (a change of its ignore rules is such a write): views and
     * the API ask for it far more often than that. A count is filed under the number of writes seen
     * before it began, so one that raced a write is never taken for current.
     */
    long[] totals(String shareId, IgnoreRules rules) throws StorageException {
        AtomicLong written = written(shareId);
        Totals known = totals.get(shareId);
        if (known != null && known.writes() == written.get()) {
            return new long[] {known.files(), known.bytes()};
        }
        long before = written.get();
        long[] counted = storage.transact(connection -> rules.none() ? sum(connection, shareId) : sumServed(connection, shareId, rules));
        totals.put(shareId, new Totals(before, counted[0], counted[1]));
        return counted;
    }

    private static long[] sum(Connection connection, String shareId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM share_files WHERE share_id = ? AND NOT deleted AND NOT directory")) {
            select.setString(1, shareId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    private static long[] sumServed(Connection connection, String shareId, IgnoreRules rules) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT path, size FROM share_files WHERE share_id = ? AND NOT deleted AND NOT directory")) {
            select.setString(1, shareId);
            long files = 0;
            long bytes = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!rules.leavesOut(rows.getString(1), false)) {
                        files++;
                        bytes += rows.getLong(2);
                    }
                }
            }
            return new long[] {files, bytes};
        }
    }

    private AtomicLong written(String shareId) {
        return writes.computeIfAbsent(shareId, id -> new AtomicLong());
    }

    void forget(Connection connection, String shareId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM share_files WHERE share_id = ?")) {
            delete.setString(1, shareId);
            delete.executeUpdate();
        }
        written(shareId).incrementAndGet();
        totals.remove(shareId);
    }

    private static List<FileEntry> entries(PreparedStatement select) throws SQLException {
        List<FileEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(entry(rows));
            }
        }
        return entries;
    }

    private static List<Manifest> manifests(PreparedStatement select) throws SQLException {
        List<Manifest> manifests = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                manifests.add(new Manifest(entry(rows), rows.getInt(6), rows.getBytes(7)));
            }
        }
        return manifests;
    }

    private static FileEntry entry(ResultSet rows) throws SQLException {
        return new FileEntry(rows.getString(1), rows.getBoolean(2), rows.getLong(3), FilesWire.instant(rows.getLong(4)), rows.getInt(5));
    }
}
