package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.peerdesk.core.PeerId;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * Other peers' backups as this node holds them: each vault a folder of opaque blobs under
 * {@code backup-store} in the data directory, accounted in the database against the quota of the
 * peer that stored them. A blob is on disk (written, synced, renamed into place) before its row is
 * committed, and the row before the owner hears "stored". Blobs that went missing from the disk are
 * noticed when asked for, and forgotten.
 */
final class HolderStore {

    /** What a put came to: {@link BackupWire#OK}, {@link BackupWire#FULL} or {@link BackupWire#REFUSED}, with a reason. */
    record Verdict(byte code, String reason) {
        static final Verdict STORED = new Verdict(BackupWire.OK, "");
    }

    /** A blob to store. */
    record Put(byte kind, BlobId id, byte[] blob) {
    }

    /** An owner's vault as held here. */
    record Vault(String vault, PeerId owner, long bytes, int blobs, Optional<Instant> orphanedSince) {
    }

    private final Storage storage;
    private final Path root;
    private final Clock clock;

    HolderStore(Storage storage, Path root, Clock clock) {
        this.storage = storage;
        this.root = root;
        this.clock = clock;
    }

    /**
     * Stores blobs for {@code owner} in {@code vault}, in order, as long as they fit in the quota
     * (none: unlimited); a blob already held costs nothing. All stored blobs are durable, and
     * recorded in one transaction, when this returns.
     */
    List<Verdict> putAll(String vault, PeerId owner, OptionalLong quota, List<Put> puts) throws IOException, StorageException {
        long used = usage(owner);
        Set<BlobId> held = heldAmong(vault, puts.stream().map(Put::id).toList());
        List<Verdict> verdicts = new ArrayList<>(puts.size());
        List<Put> written = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        for (Put put : puts) {
            Path file = file(vault, put.id());
            if (held.contains(put.id()) && sameContent(file, put.blob())) {
                verdicts.add(Verdict.STORED);
                continue;
            }
            if (quota.isPresent() && used + put.blob().length > quota.getAsLong()) {
                verdicts.add(new Verdict(BackupWire.FULL, "over the quota of " + quota.getAsLong() + " bytes this node granted ("
                        + used + " used)"));
                continue;
            }
            writeDurably(file, put.blob());
            folders.add(file.getParent());
            if (!held.contains(put.id())) {
                used += put.blob().length;
                written.add(put);
            }
            verdicts.add(Verdict.STORED);
        }
        for (Path folder : folders) {
            syncFolder(folder);
        }
        record(vault, owner, written);
        return verdicts;
    }

    Optional<byte[]> get(String vault, BlobId id) throws IOException, StorageException {
        try {
            return Optional.of(Files.readAllBytes(file(vault, id)));
        } catch (NoSuchFileException e) {
            forget(vault, List.of(id));
            return Optional.empty();
        }
    }

    /** The IDs of one kind in a vault after {@code after}, in order, at most {@code limit}. */
    List<BlobId> list(String vault, byte kind, BlobId after, int limit) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM held_blobs WHERE vault = ? AND kind = ? AND id > ? ORDER BY id LIMIT ?")) {
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
        List<Optional<byte[]>> answers = new ArrayList<>(ids.size());
        List<BlobId> gone = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        for (BlobId id : ids) {
            try (FileChannel in = FileChannel.open(file(vault, id), StandardOpenOption.READ)) {
                MessageDigest digest = sha256();
                digest.update(nonce);
                buffer.clear();
                while (in.read(buffer) >= 0) {
                    buffer.flip();
                    digest.update(buffer);
                    buffer.clear();
                }
                answers.add(Optional.of(digest.digest()));
            } catch (NoSuchFileException e) {
                gone.add(id);
                answers.add(Optional.empty());
            }
        }
        forget(vault, gone);
        return answers;
    }

    /** Deletes blobs; returns the bytes freed. */
    long delete(String vault, List<BlobId> ids) throws IOException, StorageException {
        for (BlobId id : ids) {
            Files.deleteIfExists(file(vault, id));
        }
        return forget(vault, ids);
    }

    List<Vault> vaults() throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT vault, owner, bytes, blobs, orphaned_since FROM held_vaults ORDER BY owner, vault");
                    ResultSet rows = select.executeQuery()) {
                List<Vault> vaults = new ArrayList<>();
                while (rows.next()) {
                    Timestamp orphaned = rows.getTimestamp(5);
                    vaults.add(new Vault(rows.getString(1), SetDefinition.peerOf(rows.getString(2)), rows.getLong(3), rows.getInt(4),
                            Optional.ofNullable(orphaned).map(Timestamp::toInstant)));
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

    private void removeVault(String vault) throws IOException, StorageException {
        Path folder = root.resolve(vault);
        if (Files.isDirectory(folder)) {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
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

    private long usage(PeerId owner) throws StorageException {
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

    private Set<BlobId> heldAmong(String vault, List<BlobId> ids) throws StorageException {
        return storage.transact(connection -> {
            Set<BlobId> held = new java.util.HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM held_blobs WHERE vault = ? AND id = ?")) {
                select.setString(1, vault);
                for (BlobId id : ids) {
                    select.setBytes(2, id.bytes());
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            held.add(id);
                        }
                    }
                }
            }
            return held;
        });
    }

    private void record(String vault, PeerId owner, List<Put> written) throws StorageException {
        long bytes = written.stream().mapToLong(put -> put.blob().length).sum();
        storage.transact(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO held_vaults v USING (VALUES (CAST(? AS CHAR(64)), CAST(? AS CHAR(64)))) AS n(vault, owner) "
                            + "ON v.vault = n.vault WHEN MATCHED THEN UPDATE SET owner = n.owner, bytes = v.bytes + ?, blobs = v.blobs + ? "
                            + "WHEN NOT MATCHED THEN INSERT (vault, owner, bytes, blobs) VALUES (n.vault, n.owner, ?, ?)")) {
                merge.setString(1, vault);
                merge.setString(2, owner.toHex());
                merge.setLong(3, bytes);
                merge.setInt(4, written.size());
                merge.setLong(5, bytes);
                merge.setInt(6, written.size());
                merge.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO held_blobs (vault, id, kind, size) VALUES (?, ?, ?, ?)")) {
                for (Put put : written) {
                    insert.setString(1, vault);
                    insert.setBytes(2, put.id().bytes());
                    insert.setByte(3, put.kind());
                    insert.setInt(4, put.blob().length);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Drops the rows of blobs no longer here; returns their bytes. */
    private long forget(String vault, List<BlobId> ids) throws StorageException {
        if (ids.isEmpty()) {
            return 0;
        }
        return storage.transact(connection -> {
            long freed = 0;
            int count = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT size FROM held_blobs WHERE vault = ? AND id = ?");
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM held_blobs WHERE vault = ? AND id = ?")) {
                for (BlobId id : ids) {
                    select.setString(1, vault);
                    select.setBytes(2, id.bytes());
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            continue;
                        }
                        freed += rows.getInt(1);
                        count++;
                    }
                    delete.setString(1, vault);
                    delete.setBytes(2, id.bytes());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE held_vaults SET bytes = bytes - ?, blobs = blobs - ? WHERE vault = ?")) {
                update.setLong(1, freed);
                update.setInt(2, count);
                update.setString(3, vault);
                update.executeUpdate();
            }
            return freed;
        });
    }

    private Path file(String vault, BlobId id) {
        String hex = id.hex();
        return root.resolve(vault).resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** Whether the file holds exactly these bytes: a copy sent again to repair a damaged one is written again. */
    private static boolean sameContent(Path file, byte[] blob) throws IOException {
        try {
            return Files.size(file) == blob.length && java.util.Arrays.equals(Files.readAllBytes(file), blob);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void writeDurably(Path file, byte[] blob) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(blob);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
