package org.peerdesk.files.core;

import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.peerdesk.files.FileEntry;

/**
 * A file as the index knows it: its entry, the block size, and the SHA-256 of each block, one after
 * the other in {@code hashes}. The block size grows with the file, from 128 KiB to 16 MiB, so that a
 * file has at most about 2,000 blocks.
 */
record Manifest(FileEntry entry, int blockSize, byte[] hashes) {

    static final int HASH_BYTES = 32;
    static final int MIN_BLOCK = 128 * 1024;
    static final int MAX_BLOCK = 16 * 1024 * 1024;
    static final int TARGET_BLOCKS = 2048;
    /**
     * The largest file a peer may describe: 16 TiB, the most that ext4 holds, in a million blocks whose hashes
     * take 32 MiB. Beyond some size, counting its blocks would overflow, and its hashes would be read into memory.
     */
    static final long MAX_FILE_BYTES = 1L << 44;

    Manifest {
        Objects.requireNonNull(entry, "entry");
        if (hashes.length != blocks(entry.size(), blockSize) * HASH_BYTES) {
            throw new IllegalArgumentException("A manifest of " + entry.size() + " bytes in blocks of " + blockSize
                    + " has " + blocks(entry.size(), blockSize) + " hashes, not " + hashes.length / HASH_BYTES);
        }
    }

    static int blockSizeFor(long size) {
        int blockSize = MIN_BLOCK;
        while (blockSize < MAX_BLOCK && size / blockSize > TARGET_BLOCKS) {
            blockSize *= 2;
        }
        return blockSize;
    }

    static int blocks(long size, int blockSize) {
        return (int) ((size + blockSize - 1) / blockSize);
    }

    int blocks() {
        return blocks(entry.size(), blockSize);
    }

    long offset(int block) {
        return (long) block * blockSize;
    }

    int length(int block) {
        return (int) Math.min(blockSize, entry.size() - offset(block));
    }

    boolean matches(int block, byte[] digest) {
        return Arrays.equals(hashes, block * HASH_BYTES, (block + 1) * HASH_BYTES, digest, 0, HASH_BYTES);
    }

    /** A digest of the content alone (size and block hashes): equal for equal bytes, whatever the time or name. */
    byte[] version() {
        MessageDigest digest = BlockHasher.sha256();
        digest.update(java.nio.ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(entry.size()).putInt(blockSize).array());
        return digest.digest(hashes);
    }

    /** Whether a file with these attributes is still the one described: a regular file of the same size and time. */
    boolean describes(BasicFileAttributes attributes) {
        return attributes.isRegularFile() && attributes.size() == entry.size()
                && attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) == FilesWire.nanos(entry.modified());
    }

    /** Whether both are the same version of a file, or both no file (null). */
    static boolean sameVersion(Manifest one, Manifest other) {
        return one == null ? other == null : other != null && Arrays.equals(one.version(), other.version());
    }

    /** Whether both describe the same bytes. */
    boolean sameContent(Manifest other) {
        return entry.size() == other.entry.size() && blockSize == other.blockSize
                && MessageDigest.isEqual(hashes, other.hashes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest manifest && entry.equals(manifest.entry) && sameContent(manifest);
    }

    @Override
    public int hashCode() {
        return entry.hashCode() * 31 + Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "Manifest[" + entry.path() + ", " + entry.size() + " bytes, " + blocks() + " blocks of " + blockSize + "]";
    }
}
