package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** Reads move to the heap before TLS, with Netty's leak detector at PARANOID (set for every test run). */
class HeapReadsTest {

    @Test
    void aDirectReadArrivesOnTheHeapWithTheSameBytesAndIsReleased() {
        EmbeddedChannel channel = new EmbeddedChannel(HeapReads.INSTANCE);
        ByteBuf read = Unpooled.directBuffer(5).writeBytes(new byte[] {1, 2, 3, 4, 5});
        channel.writeInbound(read);
        ByteBuf onHeap = channel.readInbound();
        assertFalse(onHeap.isDirect());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, ByteBufUtil.getBytes(onHeap));
        assertEquals(0, read.refCnt());
        onHeap.release();
        assertFalse(channel.finish());
    }

    @Test
    void aHeapReadAndOtherMessagesPassAsTheyAre() {
        EmbeddedChannel channel = new EmbeddedChannel(HeapReads.INSTANCE);
        ByteBuf read = Unpooled.buffer(3).writeBytes(new byte[] {7, 8, 9});
        channel.writeInbound(read, "an event");
        ByteBuf passed = channel.readInbound();
        assertSame(read, passed);
        assertEquals("an event", channel.readInbound());
        passed.release();
        assertFalse(channel.finish());
    }
}
