package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.BitSet;

import org.peerdesk.core.FileModes;
import org.peerdesk.core.IgnoreRules;

/**
 * Where a file described by a manifest is put together, whether it comes down from peers or up from
 * one: a hidden {@code .NAME.peerdesk-part} beside the target. Blocks already there (from an earlier
 * attempt, or at the same place in the old version of the target) are reused; the finished file is
 * fsynced and renamed into place, so the target never holds a partial file.
 */
final class PartFile implements AutoCloseable {

    /** Told of the old version of a target just before the new one replaces it. */
    @FunctionalInterface
    interface Displaced {
        Displaced OVERWRITE = old -> { };

        void keep(Path old) throws IOException;
    }

    /** Makes the rename of a finished file durable by syncing its folder: at once, or later for many files together. */
    @FunctionalInterface
    interface FolderSync {
        FolderSync NOW = PartFile::syncFolder;

        void renamedIn(Path folder);
    }

    /** Puts a first version of a part file that is not there yet in place, such as a local file of the same content. */
    @FunctionalInterface
    interface Seed {
        Seed NONE = part -> { };

        void start(Path part);
    }

    /**
     * How a file goes into place: what a new part file starts from (every block of it is checked before
     * it counts), what becomes of the old version, and when the folder is synced.
     */
    record Placement(Seed seed, Displaced displaced, FolderSync folders) {
        static final Placement OVERWRITE = new Placement(Seed.NONE, Displaced.OVERWRITE, FolderSync.NOW);
    }

    private final Manifest manifest;
    private final Path target;
    private final Path part;
    private FileChannel channel;
    private BlockWriter writer;
    /** The blocks the old target holds at their place, found once by {@link #targetComplete}. */
    private BitSet inTarget;

    PartFile(Manifest manifest, Path target) {
        this.manifest = manifest;
        this.target = target;
        this.part = of(target);
    }

    static Path of(Path target) {
        String name = "." + target.getFileName() + IgnoreRules.PART_SUFFIX;
        if (name.getBytes(StandardCharsets.UTF_8).length > SharePaths.MAX_NAME_BYTES) {
            name = "." + Integer.toHexString(target.getFileName().toString().hashCode()) + IgnoreRules.PART_SUFFIX;
        }
        return target.resolveSibling(name);
    }

    /** Whether an I/O problem says the disk is full. */
    static boolean diskFull(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    /**
     * True when the target already holds exactly the manifest's bytes (only its time and mode are then
     * brought in line). Otherwise {@link #reuse} opens the part file.
     */
    boolean targetComplete() throws IOException {
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
        BasicFileAttributes existing = SharePaths.attributesIfExists(target);
        if (existing != null && (existing.isDirectory() || existing.isSymbolicLink())) {
            throw new IOException("'" + target + "' is a folder or a link; it is not replaced by a file.");
        }
        if (existing == null || !existing.isRegularFile()) {
            inTarget = new BitSet();
            return false;
        }
        try (FileChannel old = FileChannel.open(target, StandardOpenOption.READ)) {
            inTarget = matchingBlocks(old);
        }
        if (existing.size() == manifest.entry().size() && inTarget.cardinality() == manifest.blocks()) {
            setAttributes(target);
            return true;
        }
        return false;
    }

    /**
     * After {@link #targetComplete} said no: opens the part file, marks the blocks it holds and copies
     * in those the old target has at the same place. The bits set say which blocks need no fetching.
     */
    BitSet reuse() throws IOException {
        channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        writer = BlockWriter.open(part, channel, manifest.entry().size());
        BitSet have = matchingBlocks(channel);
        inTarget.andNot(have);
        if (!inTarget.isEmpty()) {
            try (FileChannel old = FileChannel.open(target, StandardOpenOption.READ)) {
                for (int block = inTarget.nextSetBit(0); block >= 0; block = inTarget.nextSetBit(block + 1)) {
                    long offset = manifest.offset(block);
                    long copied = 0;
                    while (copied < manifest.length(block)) {
                        copied += old.transferTo(offset + copied, manifest.length(block) - copied, channel.position(offset + copied));
                    }
                    have.set(block);
                }
            }
        }
        return have;
    }

    /** The bytes of the blocks in {@code blocks}. */
    long bytes(BitSet blocks) {
        long bytes = 0;
        for (int block = blocks.nextSetBit(0); block >= 0; block = blocks.nextSetBit(block + 1)) {
            bytes += manifest.length(block);
        }
        return bytes;
    }

    /** Writes a verified block at its place. Safe from several threads at once. */
    void write(int block, byte[] data) throws IOException {
        writer.write(manifest.offset(block), data, manifest.length(block));
    }

    /** Syncs the complete part file and renames it over the target, handing the old target on first as the placement says. */
    void finish(Placement placement) throws IOException {
        writer.close();
        if (channel.size() > manifest.entry().size()) {
            channel.truncate(manifest.entry().size());
        }
        setAttributes(part); // before the sync, so that the time and mode are as durable as the bytes
        channel.force(true);
        channel.close();
        if (SharePaths.attributesIfExists(target) != null) {
            placement.displaced().keep(target);
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        placement.folders().renamedIn(target.getParent());
    }

    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a folder; the rename itself is atomic
        }
    }

    /** Closes the part file if still open; what it holds stays for the next attempt. */
    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
    }

    private BitSet matchingBlocks(FileChannel file) throws IOException {
        BitSet matching = new BitSet(manifest.blocks());
        long size = file.size();
        if (size == 0) {
            return matching; // a new part file: nothing to read
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(manifest.blockSize(), BlockHasher.SEGMENT_BYTES));
        MessageDigest digest = BlockHasher.sha256();
        for (int block = 0; block < manifest.blocks() && manifest.offset(block) + manifest.length(block) <= size; block++) {
            if (manifest.matches(block, BlockHasher.hashBlock(file, manifest.offset(block), manifest.length(block), buffer, digest))) {
                matching.set(block);
            }
        }
        return matching;
    }

    private void setAttributes(Path file) throws IOException {
        FileTime modified = FileTime.from(manifest.entry().modified());
        // Giving the access time as well (it was just written) spares reading it back in order to keep it.
        Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(modified, FileTime.from(Instant.now()), null);
        try {
            Files.setPosixFilePermissions(file, FileModes.permissions(manifest.entry().mode() | 0600));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the times are what we can keep
        }
    }
}
