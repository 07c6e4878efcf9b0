package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.BitSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.peerdesk.core.FileModes;
import org.peerdesk.files.FileEntry;

/**
 * Sends one local file into a peer's share: hashes it on the hashing pool, offers its manifest, and
 * sends only the blocks the peer lacks (it reuses a cut-short earlier attempt and the old version).
 * A file that changes while it is sent is offered again, up to {@value #ATTEMPTS} times.
 */
final class FileUpload {

    static final int ATTEMPTS = 3;

    private final BlockHasher hasher;
    private final LongConsumer progress;
    private final BooleanSupplier cancelled;

    FileUpload(BlockHasher hasher, LongConsumer progress, BooleanSupplier cancelled) {
        this.hasher = hasher;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /** Puts {@code file} at {@code path} in the peer's {@code share}; the peer's refusal comes as a {@link FilesWire.RemoteError}. */
    void send(WriteClient client, String share, String path, Path file) throws IOException {
        for (int attempt = 1;; attempt++) {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Manifest manifest = manifest(file, path, before);
            long sent = 0;
            try {
                sent = sendBlocks(client, client.offer(share, manifest), manifest, file);
                client.finish();
                return;
            } catch (FilesWire.RemoteError e) {
                progress.accept(-sent);
                if (attempt == ATTEMPTS || !changed(file, before)) {
                    throw e;
                }
            }
        }
    }

    private Manifest manifest(Path file, String path, BasicFileAttributes attributes) throws IOException {
        int blockSize = Manifest.blockSizeFor(attributes.size());
        byte[] hashes;
        try {
            hashes = hasher.hash(file, attributes.size(), blockSize).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted.", e);
        }
        FileEntry entry = new FileEntry(path, false, attributes.size(), attributes.lastModifiedTime().toInstant(), mode(file));
        return new Manifest(entry, blockSize, hashes);
    }

    private static int mode(Path file) throws IOException {
        try {
            return FileModes.of(Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions());
        } catch (UnsupportedOperationException e) {
            return 0644;
        }
    }

    /** Sends the needed blocks in order; returns the bytes sent. Blocks the peer already has count as done. */
    private long sendBlocks(WriteClient client, BitSet need, Manifest manifest, Path file) throws IOException {
        BitSet have = new BitSet();
        have.set(0, manifest.blocks());
        have.andNot(need);
        long skipped = 0;
        for (int block = have.nextSetBit(0); block >= 0; block = have.nextSetBit(block + 1)) {
            skipped += manifest.length(block);
        }
        progress.accept(skipped);
        long sent = skipped;
        byte[] data = new byte[manifest.blockSize()];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int block = need.nextSetBit(0); block >= 0; block = need.nextSetBit(block + 1)) {
                if (cancelled.getAsBoolean()) {
                    client.close();
                    throw new CancellationException();
                }
                int length = manifest.length(block);
                ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, manifest.offset(block) + buffer.position()) < 0) {
                        buffer.put(new byte[buffer.remaining()]); // cut short: the peer's hash check refuses it
                    }
                }
                client.send(data, length);
                sent += length;
                progress.accept(length);
            }
        }
        return sent;
    }

    private static boolean changed(Path file, BasicFileAttributes before) throws IOException {
        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return now.size() != before.size() || !now.lastModifiedTime().equals(before.lastModifiedTime());
    }
}
