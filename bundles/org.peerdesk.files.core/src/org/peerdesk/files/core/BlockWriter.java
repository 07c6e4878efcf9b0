package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.peerdesk.core.AlignedBuffers;
import org.peerdesk.core.DirectWriter;

/**
 * Writes a download's verified blocks into its part file, past the page cache (direct I/O) where
 * the file system allows it. A download's bytes are read back rarely, and copying them into the
 * page cache is what a download spends most on: on this project's virtual machine, whose host takes
 * back memory the guest frees, 1 GiB cost 4.7 s of CPU and 2.9 s through the page cache, and 0.1 s
 * and 0.4 s past it. Small files, blocks whose place or length is not a multiple of
 * {@link DirectWriter#ALIGNMENT} (the last, partial one), and every block where direct I/O is unavailable or
 * fails, go through the page cache. Safe from several threads at once.
 */
final class BlockWriter implements AutoCloseable {

    /** Enough for every download's workers at once with the block sizes of files up to a few GiB. */
    private static final AlignedBuffers BUFFERS = new AlignedBuffers(DirectWriter.ALIGNMENT, 32 << 20);

    private final FileChannel buffered;
    private volatile FileChannel direct;

    private BlockWriter(FileChannel buffered, FileChannel direct) {
        this.buffered = buffered;
        this.direct = direct;
    }

    /** A writer for {@code file} of {@code size} bytes, already open as {@code buffered}. */
    static BlockWriter open(Path file, FileChannel buffered, long size) {
        return new BlockWriter(buffered, size < DirectWriter.DIRECT_FROM ? null : DirectWriter.openDirect(file).orElse(null));
    }

    /** Whether writes that the file system can take directly skip the page cache. */
    boolean direct() {
        return direct != null;
    }

    /** Writes {@code length} bytes of {@code data} at {@code position}. */
    void write(long position, byte[] data, int length) throws IOException {
        FileChannel past = direct;
        if (past != null && position % DirectWriter.ALIGNMENT == 0 && length % DirectWriter.ALIGNMENT == 0) {
            ByteBuffer aligned = BUFFERS.take(length);
            try {
                writeFully(past, position, aligned.put(data, 0, length).flip());
                return;
            } catch (IOException e) {
                stopDirect(); // the page cache either takes it or reports the real problem, such as a full disk
            } finally {
                BUFFERS.give(aligned);
            }
        }
        writeFully(buffered, position, ByteBuffer.wrap(data, 0, length));
    }

    private static void writeFully(FileChannel channel, long position, ByteBuffer buffer) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private synchronized void stopDirect() {
        FileChannel open = direct;
        direct = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing was left unwritten in it: direct writes are done when they return
            }
        }
    }

    /** Closes the direct channel; the buffered one belongs to the caller. */
    @Override
    public void close() {
        stopDirect();
    }
}
