package org.peerdesk.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * Reads a piece of a file past the page cache where the file system allows it: for files written
 * past it ({@link DirectWriter}) whose pieces are read once, such as a holder's backup packs, where
 * reading through the cache would fill fresh page-cache pages that nobody reads again. The blocks
 * around the piece are read into an aligned buffer and the piece copied out. Safe from several
 * threads at once.
 */
public final class DirectReader {

    private static final int ALIGNMENT = DirectWriter.ALIGNMENT;
    /** Read a buffer's worth at a time: buffers of one size are always reused, never replaced by fresh memory. */
    private static final int BUFFER = 4 << 20;
    private static final AlignedBuffers BUFFERS = new AlignedBuffers(ALIGNMENT, 4L * BUFFER);

    private DirectReader() {
    }

    /**
     * The {@code length} bytes of {@code file} at {@code position}, or empty if the file ends before
     * them; through the page cache where direct I/O is unavailable or fails.
     */
    public static Optional<byte[]> read(Path file, long position, int length) throws IOException {
        FileChannel direct;
        try {
            direct = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (UnsupportedOperationException | IOException e) {
            return readCached(file, position, length);
        }
        try (direct) {
            return readDirect(direct, position, length);
        } catch (IOException e) {
            return readCached(file, position, length); // which reports the real problem, if there is one
        }
    }

    /** Reads the aligned blocks around the piece a buffer's worth at a time, copying out what belongs to it. */
    private static Optional<byte[]> readDirect(FileChannel in, long position, int length) throws IOException {
        byte[] piece = new byte[length];
        ByteBuffer buffer = BUFFERS.take(BUFFER);
        try {
            int copied = 0;
            long at = position - position % ALIGNMENT;
            while (copied < length) {
                int skip = (int) (position + copied - at);
                int wanted = skip + length - copied;
                buffer.clear().limit(Math.min(BUFFER, wanted + (ALIGNMENT - wanted % ALIGNMENT) % ALIGNMENT));
                int read = 0;
                while (buffer.hasRemaining() && read < wanted) {
                    // A read that stops off a block boundary met the end of the file.
                    if (read % ALIGNMENT != 0) {
                        return Optional.empty();
                    }
                    int n = in.read(buffer, at + read);
                    if (n < 0) {
                        return Optional.empty();
                    }
                    read += n;
                }
                int n = Math.min(read - skip, length - copied);
                if (n <= 0) {
                    return Optional.empty();
                }
                buffer.get(skip, piece, copied, n);
                copied += n;
                at += read;
            }
            return Optional.of(piece);
        } finally {
            BUFFERS.give(buffer);
        }
    }

    private static Optional<byte[]> readCached(Path file, long position, int length) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer piece = ByteBuffer.allocate(length);
            while (piece.hasRemaining()) {
                if (in.read(piece, position + piece.position()) < 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(piece.array());
        }
    }
}
