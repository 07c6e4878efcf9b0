package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Direct I/O gets memory on the alignment it needs, and a buffer handed back serves the next write. */
class AlignedBuffersTest {

    private static final int ALIGNMENT = 4096;

    @Test
    void aBufferStartsOnTheAlignmentAndHoldsWhatWasAsked() {
        ByteBuffer buffer = new AlignedBuffers(ALIGNMENT, 1 << 20).take(5 * ALIGNMENT);
        assertTrue(buffer.isDirect());
        assertEquals(0, buffer.alignmentOffset(0, ALIGNMENT));
        assertTrue(buffer.capacity() >= 5 * ALIGNMENT);
        assertEquals(0, buffer.position());
    }

    @Test
    void aBufferHandedBackIsTakenAgainCleared() {
        AlignedBuffers buffers = new AlignedBuffers(ALIGNMENT, 1 << 20);
        ByteBuffer first = buffers.take(ALIGNMENT);
        first.put(new byte[100]).flip();
        buffers.give(first);
        ByteBuffer again = buffers.take(ALIGNMENT);
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(again.capacity(), again.limit());
    }

    @Test
    void aKeptBufferTooSmallForTheNextAskIsReplaced() {
        AlignedBuffers buffers = new AlignedBuffers(ALIGNMENT, 1 << 20);
        ByteBuffer small = buffers.take(ALIGNMENT);
        buffers.give(small);
        ByteBuffer large = buffers.take(8 * ALIGNMENT);
        assertNotSame(small, large);
        assertTrue(large.capacity() >= 8 * ALIGNMENT);
    }

    @Test
    void buffersBeyondTheSizeKeptAreNotKept() {
        AlignedBuffers buffers = new AlignedBuffers(ALIGNMENT, 3 * ALIGNMENT);
        ByteBuffer one = buffers.take(2 * ALIGNMENT);
        ByteBuffer two = buffers.take(2 * ALIGNMENT);
        buffers.give(one);
        buffers.give(two);
        assertSame(one, buffers.take(ALIGNMENT));
        assertNotSame(two, buffers.take(ALIGNMENT));
    }
}
