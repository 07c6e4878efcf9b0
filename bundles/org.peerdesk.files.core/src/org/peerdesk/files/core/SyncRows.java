package org.peerdesk.files.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.PeerId;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.FilesException;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/** Sync pairs, the versions each pair last agreed on, conflicts and the trash setting, in the database. */
final class SyncRows {

    /**
     * A pair as stored: which share (by ID) syncs with which peer's share, which of its folders ({@link SyncFolders};
     * none, the whole share), how its last round went, and when the peer last read the share's changes here.
     */
    record Pair(String shareId, PeerId peer, String remoteShare, List<String> folders, Optional<Instant> lastSync, int filesIn,
            int filesRemoved, Optional<String> problem, boolean paused, Optional<Instant> peerRead) {

        Pair ended(Optional<Instant> when, int in, int removed, Optional<String> problem) {
            return new Pair(shareId, peer, remoteShare, folders, when, in, removed, problem, paused, peerRead);
        }
    }

    /** A peer's last read of a share's changes, as noted. */
    record PeerRead(String shareId, PeerId peer, Instant when) {
    }

    private record ReadKey(String shareId, PeerId peer) {
    }

    /** How far a pair has settled its peer's index: every change up to {@code sequence} of the index {@code index}. */
    record Watermark(String index, long sequence) {
    }

    private static final String TRASH_KEEP = "trash-keep-seconds";
    /** How stale a pair's time of the peer's last read may be: a peer in sync reads at every round, at least once a minute. */
    private static final Duration PEER_READ_PRECISION = Duration.ofMinutes(1);

    private final Storage storage;
    /**
     * The peer reads last noted, by share ID and peer, so that rounds coming thick and fast do not each write one, and
     * a pair made after its peer's first reads starts with the last.
     */
    private final Map<ReadKey, Instant> peerReadsNoted = new ConcurrentHashMap<>();

    SyncRows(Storage storage) {
        this.storage = storage;
    }

    List<Pair> pairs() throws FilesException {
        return run(connection -> {
            List<Pair> pairs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT share_id, peer_id, remote_share, last_sync, files_in,"
                    + " files_removed, problem, folders, paused, peer_read FROM sync_pairs ORDER BY share_id, peer_id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pairs.add(new Pair(rows.getString(1), peer(rows.getString(2)), rows.getString(3), SyncFolders.read(rows.getString(8)),
                            instant(rows.getTimestamp(4)), rows.getInt(5), rows.getInt(6), Optional.ofNullable(rows.getString(7)),
                            rows.getBoolean(9), instant(rows.getTimestamp(10))));
                }
            }
            return pairs;
        });
    }

    /**
     * Adds the pair, or keeps it as it is when it exists but for its folders. A pair whose folders change
     * reads the peer's whole index again at its next round: what the changes since the last round hold
     * says nothing of the files that a folder newly in sync already had. A new pair starts with the peer's last
     * read of the share's changes, if it read them before the pair was made here (it synced first).
     */
    void add(String shareId, PeerId peer, String remoteShare, List<String> folders) throws FilesException {
        run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sync_pairs SET folders = ?, remote_index = NULL,"
                    + " remote_sequence = NULL WHERE share_id = ? AND peer_id = ? AND folders IS DISTINCT FROM ?")) {
                update.setString(1, SyncFolders.stored(folders));
                update.setString(2, shareId);
                update.setString(3, peer.toHex());
                update.setString(4, SyncFolders.stored(folders));
                update.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sync_pairs (share_id, peer_id, remote_share,"
                    + " files_in, files_removed, folders, peer_read) SELECT ?, ?, ?, 0, 0, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM sync_pairs WHERE share_id = ? AND peer_id = ?)")) {
                insert.setString(1, shareId);
                insert.setString(2, peer.toHex());
                insert.setString(3, remoteShare);
                insert.setString(4, SyncFolders.stored(folders));
                insert.setTimestamp(5, Optional.ofNullable(peerReadsNoted.get(new ReadKey(shareId, peer))).map(Timestamp::from).orElse(null));
                insert.setString(6, shareId);
                insert.setString(7, peer.toHex());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Pauses the pair (no rounds until it is resumed) or resumes it; false when there is no such pair. */
    boolean setPaused(String shareId, PeerId peer, boolean paused) throws FilesException {
        return run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sync_pairs SET paused = ? WHERE share_id = ? AND peer_id = ?")) {
                update.setBoolean(1, paused);
                update.setString(2, shareId);
                update.setString(3, peer.toHex());
                return update.executeUpdate() > 0;
            }
        });
    }

    private static Optional<Instant> instant(Timestamp stored) {
        return Optional.ofNullable(stored).map(Timestamp::toInstant);
    }

    /**
     * Notes that {@code peer} read the changes of share {@code shareId} at {@code when}, as only a peer syncing that share
     * with this node does: on this node's pair of the share with that peer, if there is one, its user sees that their
     * changes reach the peer too. Noted at most once a {@link #PEER_READ_PRECISION minute} per pair; returns whether it was.
     */
    boolean peerRead(String shareId, PeerId peer, Instant when) throws FilesException {
        ReadKey key = new ReadKey(shareId, peer);
        Instant written = peerReadsNoted.get(key);
        if (written != null && written.plus(PEER_READ_PRECISION).isAfter(when)) {
            return false;
        }
        peerReadsNoted.put(key, when);
        run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sync_pairs SET peer_read = ? WHERE share_id = ? AND peer_id = ?")) {
                update.setTimestamp(1, Timestamp.from(when));
                update.setString(2, shareId);
                update.setString(3, peer.toHex());
                return update.executeUpdate();
            }
        });
        return true;
    }

    /** The reads of shares' changes noted since {@code since}, whether or not a pair of this node's is there to note them on. */
    List<PeerRead> peerReadsSince(Instant since) {
        return peerReadsNoted.entrySet().stream().filter(read -> read.getValue().isAfter(since))
                .map(read -> new PeerRead(read.getKey().shareId(), read.getKey().peer(), read.getValue())).toList();
    }

    /** Records how a round ended: when it finished and what it brought in (or only the problem, when it did not finish). */
    void roundEnded(Pair pair) throws FilesException {
        run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sync_pairs SET last_sync = ?, files_in = ?,"
                    + " files_removed = ?, problem = ? WHERE share_id = ? AND peer_id = ?")) {
                update.setTimestamp(1, pair.lastSync().map(Timestamp::from).orElse(null));
                update.setInt(2, pair.filesIn());
                update.setInt(3, pair.filesRemoved());
                update.setString(4, pair.problem().orElse(null));
                update.setString(5, pair.shareId());
                update.setString(6, pair.peer().toHex());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets pairs and their bases: of one peer, or of every peer when {@code peer} is null. Conflicts go with the share only. */
    void remove(String shareId, PeerId peer) throws FilesException {
        run(connection -> {
            for (String table : List.of("sync_pairs", "sync_bases")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE share_id = ? AND (? IS NULL OR peer_id = ?)")) {
                    delete.setString(1, shareId);
                    delete.setString(2, peer == null ? null : peer.toHex());
                    delete.setString(3, peer == null ? null : peer.toHex());
                    delete.executeUpdate();
                }
            }
            if (peer == null) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sync_conflicts WHERE share_id = ?")) {
                    delete.setString(1, shareId);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    Map<String, byte[]> bases(String shareId, PeerId peer) throws FilesException {
        return run(connection -> {
            Map<String, byte[]> bases = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT path, version FROM sync_bases WHERE share_id = ? AND peer_id = ?")) {
                select.setString(1, shareId);
                select.setString(2, peer.toHex());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        bases.put(rows.getString(1), rows.getBytes(2));
                    }
                }
            }
            return bases;
        });
    }

    /** The bases of {@code paths} only, read in one transaction. */
    Map<String, byte[]> bases(String shareId, PeerId peer, Collection<String> paths) throws FilesException {
        return run(connection -> {
            Map<String, byte[]> bases = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version FROM sync_bases WHERE share_id = ? AND peer_id = ? AND path = ?")) {
                select.setString(1, shareId);
                select.setString(2, peer.toHex());
                for (String path : paths) {
                    select.setString(3, path);
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            bases.put(path, rows.getBytes(1));
                        }
                    }
                }
            }
            return bases;
        });
    }

    Optional<Watermark> watermark(String shareId, PeerId peer) throws FilesException {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT remote_index, remote_sequence FROM sync_pairs"
                    + " WHERE share_id = ? AND peer_id = ? AND remote_index IS NOT NULL")) {
                select.setString(1, shareId);
                select.setString(2, peer.toHex());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Watermark(rows.getString(1), rows.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    /** Records that the pair has settled every change of its peer's index up to the watermark. */
    void saveWatermark(String shareId, PeerId peer, Watermark watermark) throws FilesException {
        run(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sync_pairs SET remote_index = ?, remote_sequence = ? WHERE share_id = ? AND peer_id = ?")) {
                update.setString(1, watermark.index());
                update.setLong(2, watermark.sequence());
                update.setString(3, shareId);
                update.setString(4, peer.toHex());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Writes the new bases (a null version forgets the path's base) in one transaction. */
    void saveBases(String shareId, PeerId peer, Map<String, byte[]> changes) throws FilesException {
        if (changes.isEmpty()) {
            return;
        }
        run(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO sync_bases (share_id, peer_id, path, version)"
                    + " KEY (share_id, peer_id, path) VALUES (?, ?, ?, ?)");
                    PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM sync_bases WHERE share_id = ? AND peer_id = ? AND path = ?")) {
                for (Map.Entry<String, byte[]> change : changes.entrySet()) {
                    PreparedStatement statement = change.getValue() == null ? delete : merge;
                    statement.setString(1, shareId);
                    statement.setString(2, peer.toHex());
                    statement.setString(3, change.getKey());
                    if (change.getValue() != null) {
                        statement.setBytes(4, change.getValue());
                    }
                    statement.addBatch();
                }
                merge.executeBatch();
                delete.executeBatch();
            }
            return null;
        });
    }

    /** Records a conflict unless the same copy is already recorded. */
    void addConflict(String shareId, String path, String copy, PeerId author, Instant found) throws FilesException {
        run(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO sync_conflicts (share_id, path, copy_path, author, found)"
                    + " KEY (share_id, copy_path) VALUES (?, ?, ?, ?, ?)")) {
                merge.setString(1, shareId);
                merge.setString(2, path);
                merge.setString(3, copy);
                merge.setString(4, author.toHex());
                merge.setTimestamp(5, Timestamp.from(found));
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** The conflicts with the share's current name, newest first. */
    List<Conflict> conflicts() throws FilesException {
        return run(connection -> {
            List<Conflict> conflicts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT c.id, s.name, c.path, c.copy_path, c.author, c.found"
                    + " FROM sync_conflicts c JOIN shares s ON s.id = c.share_id ORDER BY c.id DESC"); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    conflicts.add(new Conflict(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            peer(rows.getString(5)), rows.getTimestamp(6).toInstant(), Optional.empty()));
                }
            }
            return conflicts;
        });
    }

    void removeConflict(long id) throws FilesException {
        run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sync_conflicts WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return null;
        });
    }

    OptionalLong trashKeepSeconds() throws FilesException {
        return run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT content FROM files_settings WHERE name = ?")) {
                select.setString(1, TRASH_KEEP);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    void saveTrashKeepSeconds(long seconds) throws FilesException {
        run(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO files_settings (name, content) KEY (name) VALUES (?, ?)")) {
                merge.setString(1, TRASH_KEEP);
                merge.setLong(2, seconds);
                merge.executeUpdate();
            }
            return null;
        });
    }

    private static PeerId peer(String hex) {
        return new PeerId(HexFormat.of().parseHex(hex));
    }

    private <T> T run(SqlWork<T> work) throws FilesException {
        try {
            return storage.transact(work);
        } catch (StorageException e) {
            throw new FilesException("Sync cannot reach the database: " + e.getMessage(), e);
        }
    }
}
