package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Content-defined chunking after FastCDC: a gear hash rolls over the bytes and a chunk ends where
 * its top bits are zero, so an insertion moves only the boundaries near it. The first
 * {@value #MIN} bytes of a chunk are skipped, a stricter mask applies until {@value #AVERAGE} bytes
 * and a looser one after ("normalized chunking"), and no chunk is longer than {@value #MAX}. The
 * gear table comes from a fixed seed: boundaries must never change between versions, or nothing
 * would deduplicate against older snapshots.
 */
final class Chunker {

    static final int MIN = 256 << 10;
    static final int AVERAGE = 1 << 20;
    static final int MAX = 4 << 20;
    private static final long MASK_STRICT = -1L << (64 - 22);
    private static final long MASK_LOOSE = -1L << (64 - 18);
    private static final long[] GEAR = gear();

    /** Receives each chunk; the array is reused after the call returns. */
    interface Sink {
        void chunk(byte[] buffer, int offset, int length) throws IOException;
    }

    private final byte[] buffer = new byte[2 * MAX];

    /** Cuts everything {@code in} holds into chunks, in order. */
    void split(ReadableByteChannel in, Sink sink) throws IOException {
        int start = 0;
        int end = 0;
        boolean eof = false;
        while (true) {
            if (!eof && end - start < MAX) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
                ByteBuffer free = ByteBuffer.wrap(buffer, end, buffer.length - end);
                while (free.hasRemaining()) {
                    if (in.read(free) < 0) {
                        eof = true;
                        break;
                    }
                }
                end = free.position();
            }
            if (start == end) {
                return;
            }
            int length = cut(buffer, start, end - start);
            sink.chunk(buffer, start, length);
            start += length;
        }
    }

    /** The length of the chunk that starts at {@code offset}, given {@code available} bytes (all, or at least {@link #MAX}). */
    static int cut(byte[] data, int offset, int available) {
        if (available <= MIN) {
            return available;
        }
        int limit = Math.min(available, MAX);
        int normal = Math.min(limit, AVERAGE);
        long hash = 0;
        int i = MIN;
        for (; i < normal; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & MASK_STRICT) == 0) {
                return i + 1;
            }
        }
        for (; i < limit; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & MASK_LOOSE) == 0) {
                return i + 1;
            }
        }
        return limit;
    }

    /** SplitMix64 from a fixed seed, written out so that no library change can move a boundary. */
    private static long[] gear() {
        long state = 0x5045455244455343L;
        long[] gear = new long[256];
        for (int i = 0; i < gear.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            gear[i] = z ^ (z >>> 31);
        }
        return gear;
    }
}
