package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SHA-256 of every block of a file, on a pool of threads: a large file is cut into segments that the
 * pool hashes side by side, so one big file uses every core, and many small files do too.
 */
final class BlockHasher {

    /** How much of a file one task hashes: large enough to keep the pool's overhead small. */
    static final int SEGMENT_BYTES = 8 * 1024 * 1024;

    private final ExecutorService pool;
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(SEGMENT_BYTES));
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(BlockHasher::sha256);

    BlockHasher(ExecutorService pool) {
        this.pool = pool;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * The hashes of {@code size} bytes of {@code file} in blocks of {@code blockSize}. Completes
     * exceptionally with an {@link IOException} if the file cannot be read or ends early (it changed).
     */
    CompletableFuture<byte[]> hash(Path file, long size, int blockSize) {
        int blocks = Manifest.blocks(size, blockSize);
        byte[] hashes = new byte[blocks * Manifest.HASH_BYTES];
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        if (blocks == 0) {
            result.complete(hashes);
            return result;
        }
        int blocksPerSegment = Math.max(1, SEGMENT_BYTES / blockSize);
        int segments = (blocks + blocksPerSegment - 1) / blocksPerSegment;
        AtomicInteger remaining = new AtomicInteger(segments);
        for (int segment = 0; segment < segments; segment++) {
            int first = segment * blocksPerSegment;
            int last = Math.min(blocks, first + blocksPerSegment);
            pool.execute(() -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    hashBlocks(file, size, blockSize, first, last, hashes);
                    if (remaining.decrementAndGet() == 0) {
                        result.complete(hashes);
                    }
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        }
        return result;
    }

    private void hashBlocks(Path file, long size, int blockSize, int first, int last, byte[] hashes) throws IOException {
        ByteBuffer buffer = buffers.get();
        MessageDigest digest = digests.get();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int block = first; block < last; block++) {
                long offset = (long) block * blockSize;
                int length = (int) Math.min(blockSize, size - offset);
                digestRange(channel, offset, length, buffer, digest);
                digest.digest(hashes, block * Manifest.HASH_BYTES, Manifest.HASH_BYTES);
            }
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds {@code length} bytes at {@code offset} to the digest, in pieces the buffer holds. */
    static void digestRange(FileChannel channel, long offset, int length, ByteBuffer buffer, MessageDigest digest) throws IOException {
        long position = offset;
        int left = length;
        while (left > 0) {
            buffer.clear().limit(Math.min(buffer.capacity(), left));
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("The file ended early: it changed while being read.");
            }
            digest.update(buffer.array(), 0, read);
            position += read;
            left -= read;
        }
    }

    /** The hash of one block, read on the calling thread. */
    static byte[] hashBlock(FileChannel channel, long offset, int length, ByteBuffer buffer, MessageDigest digest) throws IOException {
        digestRange(channel, offset, length, buffer, digest);
        return digest.digest();
    }
}
