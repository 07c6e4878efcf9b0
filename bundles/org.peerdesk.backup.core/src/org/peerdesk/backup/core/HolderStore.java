package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.peerdesk.core.DirectReader;
import org.peerdesk.core.DirectWriter;
import org.peerdesk.core.FileTrees;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * Other peers' backups as this node holds them: each vault a folder of pack files, blobs appended
 * to the newest pack and located by rows in the database, accounted against the quota of the peer
 * that stored them. A batch of blobs is appended, synced once, and recorded in one transaction
 * before the owner hears "stored". A pack is deleted once none of its blobs is needed any more, and
 * rewritten once less than half of it is; blobs whose pack went missing from the disk are noticed when
 * asked for, and forgotten.
 */
final class HolderStore {

    /** What a put came to: {@link BackupWire#OK}, {@link BackupWire#FULL} or {@link BackupWire#REFUSED}, with a reason. */
    record Verdict(byte code, String reason) {
        static final Verdict STORED = new Verdict(BackupWire.OK, "");
    }

    /** A blob to store. */
    record Put(byte kind, BlobId id, byte[] blob) {
    }

    /**
     * An owner's vault as held here; {@code previousOwner} stored in it before {@code owner} took it over (proving its
     * key) at {@code ownerSince}, where that happened.
     */
    record Vault(String vault, PeerId owner, long bytes, int blobs, long keptDeleted, Optional<Instant> orphanedSince,
            Optional<PeerId> previousOwner, Optional<Instant> ownerSince) {
    }

    /** Where a blob lies: in which pack, from which byte, how long. */
    private record Location(int pack, long position, int size) {
    }

    /** A blob appended in this batch, where it went, and whether it replaces a damaged copy. */
    private record Appended(Put put, Location location, boolean replacing) {
    }

    /** How large a pack grows before the next blob starts a new one. */
    static final long PACK_BYTES = 64 << 20;

    private final Storage storage;
    private final Path root;
    private final Clock clock;
    private final long packBytes;
    /** Each vault's newest pack, looked up once (see {@link #newestPack}). */
    private final Map<String, Integer> newestPacks = new HashMap<>();
    /** The bytes each owner deleted that are kept here, summed once after each change (see {@link #keptDeleted}). */
    private final Map<PeerId, Long> keptDeleted = new ConcurrentHashMap<>();

    HolderStore(Storage storage, Path root, Clock clock) {
        this(storage, root, clock, PACK_BYTES);
    }

    HolderStore(Storage storage, Path root, Clock clock, long packBytes) {
        this.storage = storage;
        this.root = root;
        this.clock = clock;
        this.packBytes = packBytes;
    }

    /**
     * Stores blobs for {@code owner} in {@code vault}, in order, as long as they fit in the quota
     * (none: unlimited; see {@link #counted} for what it counts); a blob already held costs nothing, unless what is held
     * differs (a copy sent again to repair a damaged one). All stored blobs are durable, and recorded in one transaction,
     * when this returns.
     */
    synchronized List<Verdict> putAll(String vault, PeerId owner, OptionalLong quota, List<Put> puts) throws IOException, StorageException {
        revive(vault, puts.stream().map(Put::id).toList());
        long used = counted(owner, quota);
        Map<BlobId, Location> held = locate(vault, puts.stream().map(Put::id).toList());
        List<Verdict> verdicts = new ArrayList<>(puts.size());
        List<Appended> appended = new ArrayList<>();
        Path folder = Files.createDirectories(root.resolve(vault));
        Pack pack = new Pack(folder, newestPack(vault), packBytes);
        try {
            for (Put put : puts) {
                Location existing = held.get(put.id());
                if (existing != null && Arrays.equals(read(vault, existing).orElse(null), put.blob())) {
                    verdicts.add(Verdict.STORED);
                    continue;
                }
                if (existing == null && quota.isPresent() && used + put.blob().length > quota.getAsLong()) {
                    verdicts.add(new Verdict(BackupWire.FULL, overQuota(owner, quota.getAsLong(), used)));
                    continue;
                }
                appended.add(new Appended(put, pack.append(put.blob()), existing != null));
                if (existing == null) {
                    used += put.blob().length;
                }
                verdicts.add(Verdict.STORED);
            }
            pack.sync();
        } finally {
            pack.close();
        }
        newestPacks.put(vault, pack.number);
        record(vault, owner, appended);
        return verdicts;
    }

    /**
     * The packs one batch appends to: the newest until it is full, then new ones; synced together.
     * Written past the page cache: a holder reads a blob back only to restore or verify it, and the
     * copy into fresh page-cache pages was the largest cost of a holder taking in a backup.
     */
    private static final class Pack implements AutoCloseable {
        private final Path folder;
        private final long packBytes;
        private final List<DirectWriter> touched = new ArrayList<>();
        private int number;
        private DirectWriter out;
        private boolean created;

        Pack(Path folder, int number, long packBytes) {
            this.folder = folder;
            this.number = number;
            this.packBytes = packBytes;
        }

        /** Appends to the newest pack, or to a new one if the blob would take it past its size (unless it is empty). */
        Location append(byte[] blob) throws IOException {
            if (out == null) {
                open();
            }
            if (out.position() > 0 && out.position() + blob.length > packBytes) {
                number++;
                open();
            }
            long position = out.position();
            out.write(blob);
            return new Location(number, position, blob.length);
        }

        private void open() throws IOException {
            Path file = folder.resolve(packName(number));
            created |= !Files.exists(file);
            out = DirectWriter.append(file);
            touched.add(out);
        }

        void sync() throws IOException {
            for (DirectWriter writer : touched) {
                writer.sync();
            }
            if (created) {
                syncFolder(folder);
            }
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (DirectWriter writer : touched) {
                try {
                    writer.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    Optional<byte[]> get(String vault, BlobId id) throws IOException, StorageException {
        Location location = locate(vault, List.of(id)).get(id);
        if (location == null) {
            return Optional.empty();
        }
        Optional<byte[]> blob = read(vault, location);
        if (blob.isEmpty()) {
            forget(vault, List.of(id));
        }
        return blob;
    }

    /** The IDs of one kind in a vault after {@code after}, in order, at most {@code limit}. */
    List<BlobId> list(String vault, byte kind, BlobId after, int limit) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM held_blobs WHERE vault = ? AND kind = ? AND id > ? AND deleted IS NULL ORDER BY id LIMIT ?")) {
                select.setString(1, vault);
                select.setByte(2, kind);
                select.setBytes(3, after.bytes());
                select.setInt(4, limit);
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


    /** For each ID, SHA-256 over the nonce and the stored bytes, or empty where the blob is gone. */
    List<Optional<byte[]>> prove(String vault, byte[] nonce, List<BlobId> ids) throws IOException, StorageException {
        Map<BlobId, Location> locations = locate(vault, ids);
        List<Optional<byte[]>> answers = new ArrayList<>(ids.size());
        List<BlobId> gone = new ArrayList<>();
        for (BlobId id : ids) {
            Location location = locations.get(id);
            Optional<byte[]> blob = location == null ? Optional.empty() : read(vault, location);
            if (blob.isEmpty()) {
                gone.add(id);
            }
            answers.add(blob.map(bytes -> VaultKeys.sha256(nonce, bytes)));
        }
        forget(vault, gone);
        return answers;
    }

    /**
     * Deletes blobs for their owner; returns the bytes its quota no longer counts. Where {@code keep} is more than zero
     * they are only marked deleted, out of the owner's sight and quota, and stay on the disk that long: a machine taken
     * over (ransomware, a thief with the owner's key) that deletes its owner's backups deletes nothing a recovery within
     * that time cannot bring back (see {@link #undelete}). Then, or at once for no keeping, see {@link #purge}.
     */
    synchronized long delete(String vault, List<BlobId> ids, Duration keep) throws IOException, StorageException {
        if (keep.isZero() || keep.isNegative()) {
            Set<Integer> packs = new HashSet<>();
            locate(vault, ids).values().forEach(location -> packs.add(location.pack()));
            long freed = forget(vault, ids);
            release(vault, packs);
            return freed;
        }
        return markDeleted(vault, ids);
    }

    /**
     * Frees the packs' space where their blobs went: a pack left holding nothing is deleted, and one left holding less than
     * half of what it takes on disk is rewritten with only what it still holds, so that the disk gets its space back
     * as the quota does. The rewrite records each blob's new place before the old pack goes: a pack left behind by a
     * crash between the two holds nothing any row points to, and goes with the next deletion.
     */
    private void release(String vault, Set<Integer> packs) throws IOException, StorageException {
        Map<Integer, Long> held = bytesPerPack(vault);
        for (int pack : packs) {
            Path file = packFile(vault, pack);
            long stillHeld = held.getOrDefault(pack, 0L);
            if (stillHeld == 0) {
                Files.deleteIfExists(file);
            } else if (Files.exists(file) && stillHeld * 2 < Files.size(file)) {
                rewrite(vault, pack);
            }
        }
        deleteUnused(vault, held.keySet());
    }

    /**
     * Removes for good what owners deleted more than {@code keep} ago, and frees its space; returns how many blobs went.
     * Run now and then (the node does every hour): deletions held back wait for it.
     */
    synchronized int purge(Duration keep) throws IOException, StorageException {
        Instant before = clock.instant().minus(keep);
        Map<String, Map<Integer, List<BlobId>>> expired = storage.transact(connection -> {
            Map<String, Map<Integer, List<BlobId>>> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT vault, pack, id FROM held_blobs WHERE deleted < ?")) {
                select.setTimestamp(1, Timestamp.from(before));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.computeIfAbsent(rows.getString(1), any -> new HashMap<>())
                                .computeIfAbsent(rows.getInt(2), any -> new ArrayList<>())
                                .add(new BlobId(rows.getBytes(3)));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM held_blobs WHERE deleted < ?")) {
                delete.setTimestamp(1, Timestamp.from(before));
                delete.executeUpdate();
            }
            return found;
        });
        keptDeleted.clear();
        int purged = 0;
        for (Map.Entry<String, Map<Integer, List<BlobId>>> vault : expired.entrySet()) {
            release(vault.getKey(), vault.getValue().keySet());
            purged += vault.getValue().values().stream().mapToInt(List::size).sum();
        }
        return purged;
    }

    /**
     * Brings back what the vault's owner deleted that is still kept here, to its sight and quota again (past the quota,
     * if need be: it was the owner's before); returns the snapshot records ({@link BackupWire#ROOT} blobs) among what came
     * back. A recovery asks for it first, so that a machine taken over that deleted its owner's backups did not delete them.
     */
    synchronized List<BlobId> undelete(String vault) throws StorageException {
        List<BlobId> brought = storage.transact(connection -> {
            long bytes = 0;
            int count = 0;
            List<BlobId> roots = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, kind, size FROM held_blobs WHERE vault = ? AND deleted IS NOT NULL")) {
                select.setString(1, vault);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getByte(2) == BackupWire.ROOT) {
                            roots.add(new BlobId(rows.getBytes(1)));
                        }
                        bytes += rows.getInt(3);
                        count++;
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE held_blobs SET deleted = NULL WHERE vault = ? AND deleted IS NOT NULL")) {
                update.setString(1, vault);
                update.executeUpdate();
            }
            countBack(connection, vault, bytes, count);
            return roots;
        });
        keptDeleted.clear();
        return brought;
    }

    /** Brings back those of {@code ids} that are kept deleted: the owner stores them again. */
    private void revive(String vault, List<BlobId> ids) throws StorageException {
        changeRows(vault, ids, "deleted IS NOT NULL", "UPDATE held_blobs SET deleted = NULL WHERE vault = ? AND id = ?", null, 1);
    }

    private static void countBack(Connection connection, String vault, long bytes, int count) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE held_vaults SET bytes = bytes + ?, blobs = blobs + ? WHERE vault = ?")) {
            update.setLong(1, bytes);
            update.setInt(2, count);
            update.setString(3, vault);
            update.executeUpdate();
        }
    }

    /** Marks blobs deleted, out of the owner's sight and quota; returns their bytes. */
    private long markDeleted(String vault, List<BlobId> ids) throws StorageException {
        return changeRows(vault, ids, "deleted IS NULL", "UPDATE held_blobs SET deleted = ? WHERE vault = ? AND id = ?",
                Timestamp.from(clock.instant()), -1);
    }

    /**
     * For each of {@code ids} whose row is in {@code state}, runs {@code change} on it (its last two parameters the vault
     * and the ID, after {@code at} where it is not null), and counts the rows' bytes and number into the vault's
     * ({@code sign} 1) or out of them (-1); returns those bytes.
     */
    private long changeRows(String vault, List<BlobId> ids, String state, String change, Timestamp at, int sign) throws StorageException {
        if (ids.isEmpty()) {
            return 0;
        }
        long changed = storage.transact(connection -> {
            long bytes = 0;
            int count = 0;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT size FROM held_blobs WHERE vault = ? AND id = ? AND " + state);
                    PreparedStatement update = connection.prepareStatement(change)) {
                for (BlobId id : ids) {
                    select.setString(1, vault);
                    select.setBytes(2, id.bytes());
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            continue;
                        }
                        bytes += rows.getInt(1);
                        count++;
                    }
                    int parameter = 1;
                    if (at != null) {
                        update.setTimestamp(parameter++, at);
                    }
                    update.setString(parameter, vault);
                    update.setBytes(parameter + 1, id.bytes());
                    update.executeUpdate();
                }
            }
            countBack(connection, vault, sign * bytes, sign * count);
            return bytes;
        });
        if (changed > 0) {
            keptDeleted.clear();
        }
        return changed;
    }

    /** Moves the blobs still held in {@code pack} to the newest pack (or a new one), then deletes it. */
    private void rewrite(String vault, int pack) throws IOException, StorageException {
        Map<BlobId, Location> moved = new HashMap<>();
        List<BlobId> unreadable = new ArrayList<>();
        int newest = newestPack(vault);
        Pack target = new Pack(root.resolve(vault), newest == pack ? pack + 1 : newest, packBytes);
        try {
            for (Map.Entry<BlobId, Location> blob : blobsIn(vault, pack).entrySet()) {
                Optional<byte[]> bytes = read(vault, blob.getValue());
                if (bytes.isPresent()) {
                    moved.put(blob.getKey(), target.append(bytes.get()));
                } else {
                    unreadable.add(blob.getKey());
                }
            }
            target.sync();
        } finally {
            target.close();
        }
        newestPacks.put(vault, target.number);
        relocate(vault, moved);
        forget(vault, unreadable); // gone with the pack's end, as get() would find
        Files.deleteIfExists(packFile(vault, pack));
    }

    /** Deletes the vault's pack files that no row points to, older than the newest pack (which a crash may have left half-written). */
    private void deleteUnused(String vault, Set<Integer> inUse) throws IOException {
        Path folder = root.resolve(vault);
        if (!Files.isDirectory(folder)) {
            return;
        }
        int newest = inUse.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Path> unused;
        try (Stream<Path> files = Files.list(folder)) {
            unused = files.filter(file -> packNumber(file).stream().anyMatch(number -> number < newest && !inUse.contains(number))).toList();
        }
        for (Path file : unused) {
            Files.deleteIfExists(file);
        }
    }

    /** The owner that stored in {@code vault} last; empty for a vault not held here. */
    Optional<PeerId> owner(String vault) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT owner FROM held_vaults WHERE vault = ?")) {
                select.setString(1, vault);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(SetDefinition.peerOf(rows.getString(1))) : Optional.<PeerId>empty();
                }
            }
        });
    }

    List<Vault> vaults() throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT vault, owner, bytes, blobs, orphaned_since, previous_owner, owner_since, (SELECT COALESCE(SUM(b.size), 0)"
                            + " FROM held_blobs b WHERE b.vault = v.vault AND b.deleted IS NOT NULL) FROM held_vaults v ORDER BY owner, vault");
                    ResultSet rows = select.executeQuery()) {
                List<Vault> vaults = new ArrayList<>();
                while (rows.next()) {
                    Timestamp orphaned = rows.getTimestamp(5);
                    vaults.add(new Vault(rows.getString(1), SetDefinition.peerOf(rows.getString(2)), rows.getLong(3), rows.getInt(4),
                            rows.getLong(8), Optional.ofNullable(orphaned).map(Timestamp::toInstant),
                            Optional.ofNullable(rows.getString(6)).map(SetDefinition::peerOf),
                            Optional.ofNullable(rows.getTimestamp(7)).map(Timestamp::toInstant)));
                }
                return vaults;
            }
        });
    }

    /**
     * Notes which owners lost their grant (and which got it back), and deletes the vaults whose
     * owner has been without one for longer than {@code grace}. Returns the owners whose data went.
     */
    List<PeerId> sweep(Function<PeerId, Boolean> mayStore, Duration grace) throws IOException, StorageException {
        Instant now = clock.instant();
        List<PeerId> removed = new ArrayList<>();
        for (Vault vault : vaults()) {
            boolean granted = mayStore.apply(vault.owner());
            if (granted && vault.orphanedSince().isPresent()) {
                setOrphaned(vault.vault(), null);
            } else if (!granted && vault.orphanedSince().isEmpty()) {
                setOrphaned(vault.vault(), now);
            } else if (!granted && !vault.orphanedSince().get().plus(grace).isAfter(now)) {
                removeVault(vault.vault());
                removed.add(vault.owner());
            }
        }
        return removed;
    }

    private synchronized void removeVault(String vault) throws IOException, StorageException {
        newestPacks.remove(vault);
        Path folder = root.resolve(vault);
        if (Files.isDirectory(folder)) {
            FileTrees.delete(folder);
        }
        storage.transact(connection -> {
            for (String table : List.of("held_blobs", "held_vaults")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE vault = ?")) {
                    delete.setString(1, vault);
                    delete.executeUpdate();
                }
            }
            return null;
        });
        keptDeleted.clear();
    }

    private void setOrphaned(String vault, Instant since) throws StorageException {
        storage.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE held_vaults SET orphaned_since = ? WHERE vault = ?")) {
                update.setTimestamp(1, since == null ? null : Timestamp.from(since));
                update.setString(2, vault);
                return update.executeUpdate();
            }
        });
    }

    /**
     * What an owner's quota counts: the blobs it stores, and of those it deleted, which stay here a while in case a recovery
     * needs them, what passes the quota's size. Deleting is free up to there, so that a prune costs an owner no room; past
     * it, an owner that stores and deletes over and over (or a machine taken over that does, to wear out what is kept)
     * takes at most twice its quota of this node's disk.
     */
    long counted(PeerId owner, OptionalLong quota) throws StorageException {
        long used = usage(owner);
        return quota.isEmpty() ? used : used + Math.max(0, keptDeleted(owner) - quota.getAsLong());
    }

    /** Why a blob does not fit in the quota, where {@code counted} is what it counts with the blobs a batch stored so far. */
    private String overQuota(PeerId owner, long quota, long counted) throws StorageException {
        long beyond = Math.max(0, keptDeleted(owner) - quota);
        return "over the quota of " + quota + " bytes this node granted (" + (counted - beyond) + " used"
                + (beyond > 0 ? ", and " + beyond + " more: what you deleted, which it keeps a while in case a recovery"
                        + " needs it, counts once it passes the quota" : "") + ")";
    }

    /** The bytes {@code owner} deleted that are still kept. */
    long keptDeleted(PeerId owner) throws StorageException {
        Long known = keptDeleted.get(owner);
        if (known != null) {
            return known;
        }
        long kept = storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(SUM(b.size), 0) FROM held_blobs b"
                    + " JOIN held_vaults v ON v.vault = b.vault WHERE v.owner = ? AND b.deleted IS NOT NULL")) {
                select.setString(1, owner.toHex());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        keptDeleted.put(owner, kept);
        return kept;
    }

    /** Bytes of the blobs {@code owner} stores over all its vaults (what it deleted aside: see {@link #counted}). */
    long usage(PeerId owner) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(SUM(bytes), 0) FROM held_vaults WHERE owner = ?")) {
                select.setString(1, owner.toHex());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private Map<BlobId, Location> locate(String vault, List<BlobId> ids) throws StorageException {
        return storage.transact(connection -> {
            Map<BlobId, Location> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT pack, position, size FROM held_blobs WHERE vault = ? AND id = ? AND deleted IS NULL")) {
                select.setString(1, vault);
                for (BlobId id : ids) {
                    select.setBytes(2, id.bytes());
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            found.put(id, new Location(rows.getInt(1), rows.getLong(2), rows.getInt(3)));
                        }
                    }
                }
            }
            return found;
        });
    }

    /** The pack the vault's blobs are appended to now; asking the database each batch costs a scan. */
    private int newestPack(String vault) throws StorageException {
        Integer known = newestPacks.get(vault);
        return known != null ? known : lastPack(vault);
    }

    private int lastPack(String vault) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(pack), 1) FROM held_blobs WHERE vault = ?")) {
                select.setString(1, vault);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /** The bytes of the blobs held in each of the vault's packs that holds any. */
    private Map<Integer, Long> bytesPerPack(String vault) throws StorageException {
        return storage.transact(connection -> {
            Map<Integer, Long> packs = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT pack, SUM(size) FROM held_blobs WHERE vault = ? GROUP BY pack")) {
                select.setString(1, vault);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        packs.put(rows.getInt(1), rows.getLong(2));
                    }
                }
            }
            return packs;
        });
    }

    private Map<BlobId, Location> blobsIn(String vault, int pack) throws StorageException {
        return storage.transact(connection -> {
            Map<BlobId, Location> blobs = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, position, size FROM held_blobs WHERE vault = ? AND pack = ?")) {
                select.setString(1, vault);
                select.setInt(2, pack);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        blobs.put(new BlobId(rows.getBytes(1)), new Location(pack, rows.getLong(2), rows.getInt(3)));
                    }
                }
            }
            return blobs;
        });
    }

    private void relocate(String vault, Map<BlobId, Location> moved) throws StorageException {
        storage.transact(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE held_blobs SET pack = ?, position = ? WHERE vault = ? AND id = ?")) {
                for (Map.Entry<BlobId, Location> blob : moved.entrySet()) {
                    update.setInt(1, blob.getValue().pack());
                    update.setLong(2, blob.getValue().position());
                    update.setString(3, vault);
                    update.setBytes(4, blob.getKey().bytes());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** The blob at {@code location}, or empty when its pack is gone or cut short. Past the page cache, as packs are written. */
    private Optional<byte[]> read(String vault, Location location) throws IOException {
        try {
            return DirectReader.read(packFile(vault, location.pack()), location.position(), location.size());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void record(String vault, PeerId owner, List<Appended> appended) throws StorageException {
        List<Appended> added = appended.stream().filter(each -> !each.replacing()).toList();
        long bytes = added.stream().mapToLong(each -> each.location().size()).sum();
        storage.transact(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO held_vaults v USING (VALUES (CAST(? AS CHAR(64)), CAST(? AS CHAR(64)))) AS n(vault, owner) "
                            + "ON v.vault = n.vault WHEN MATCHED THEN UPDATE SET "
                            + "previous_owner = CASE WHEN v.owner <> n.owner THEN v.owner ELSE v.previous_owner END, "
                            + "owner_since = CASE WHEN v.owner <> n.owner THEN ? ELSE v.owner_since END, "
                            + "owner = n.owner, bytes = v.bytes + ?, blobs = v.blobs + ? "
                            + "WHEN NOT MATCHED THEN INSERT (vault, owner, bytes, blobs) VALUES (n.vault, n.owner, ?, ?)")) {
                merge.setString(1, vault);
                merge.setString(2, owner.toHex());
                merge.setTimestamp(3, Timestamp.from(clock.instant()));
                merge.setLong(4, bytes);
                merge.setInt(5, added.size());
                merge.setLong(6, bytes);
                merge.setInt(7, added.size());
                merge.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "MERGE INTO held_blobs (vault, id, kind, size, pack, position) KEY (vault, id) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Appended each : appended) {
                    upsert.setString(1, vault);
                    upsert.setBytes(2, each.put().id().bytes());
                    upsert.setByte(3, each.put().kind());
                    upsert.setInt(4, each.location().size());
                    upsert.setInt(5, each.location().pack());
                    upsert.setLong(6, each.location().position());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    /** Drops the rows of blobs no longer here; returns their bytes. */
    private long forget(String vault, List<BlobId> ids) throws StorageException {
        return changeRows(vault, ids, "deleted IS NULL", "DELETE FROM held_blobs WHERE vault = ? AND id = ?", null, -1);
    }

    private static String packName(int pack) {
        return String.format("%08d.pack", pack);
    }

    private Path packFile(String vault, int pack) {
        return root.resolve(vault).resolve(packName(pack));
    }

    private static OptionalInt packNumber(Path file) {
        String name = file.getFileName().toString();
        return name.matches("[0-9]{8}\\.pack") ? OptionalInt.of(Integer.parseInt(name.substring(0, 8))) : OptionalInt.empty();
    }

    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
