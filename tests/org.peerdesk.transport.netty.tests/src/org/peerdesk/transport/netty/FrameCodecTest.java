package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;

/** The wire framing on its own, with Netty's leak detector at PARANOID (set for every test run). */
class FrameCodecTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(FrameCodec.lengthDecoder(), new FrameCodec());
    }

    @Test
    void framesSurviveTheRoundTripEvenWhenTheBytesArriveInPieces() {
        EmbeddedChannel sender = channel();
        EmbeddedChannel receiver = channel();
        Frame data = new Frame(FrameType.DATA, 7, new byte[] {1, 2, 3, 4, 5});
        assertTrue(sender.writeOutbound(data, Frame.text(FrameType.OPEN, 9, "/peerdesk/files/1")));
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = sender.readOutbound()) != null; part.release()) {
            wire.writeBytes(part);
        }
        while (wire.isReadable()) {
            receiver.writeInbound(wire.readRetainedSlice(Math.min(3, wire.readableBytes())));
        }
        wire.release();
        Frame first = receiver.readInbound();
        Frame second = receiver.readInbound();
        assertEquals(FrameType.DATA, first.type());
        assertEquals(7, first.stream());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, first.payload());
        assertEquals("/peerdesk/files/1", second.payloadText());
        assertNull(receiver.readInbound());
        assertFalse(sender.finish());
        assertFalse(receiver.finish());
    }

    @Test
    void aFullDataFrameFillsFourTlsRecordsExactly() {
        EmbeddedChannel sender = channel();
        assertTrue(sender.writeOutbound(new Frame(FrameType.DATA, 3, new byte[MultiplexedStream.MAX_DATA])));
        ByteBuf wire = sender.readOutbound();
        assertEquals(4 * TlsEngines.RECORD_DATA, wire.readableBytes());
        assertEquals(FrameCodec.HEADER + MultiplexedStream.MAX_DATA, wire.getInt(0));
        wire.release();
        assertNull(sender.readOutbound());
        assertFalse(sender.finish());
    }

    @Test
    void aFrameOverTheMaximumIsRefusedBeforeItIsBuffered() {
        EmbeddedChannel receiver = channel();
        ByteBuf header = Unpooled.buffer().writeInt(FrameCodec.MAX_PAYLOAD + FrameCodec.HEADER + 1).writeBytes(new byte[16]);
        TooLongFrameException refused = assertThrows(TooLongFrameException.class, () -> receiver.writeInbound(header));
        assertTrue(refused.getMessage().contains("exceeds"), refused.getMessage());
        receiver.finishAndReleaseAll();
    }

    @Test
    void unknownTypesAndShortFramesAreProtocolErrors() {
        EmbeddedChannel unknown = channel();
        CorruptedFrameException error = assertThrows(CorruptedFrameException.class,
                () -> unknown.writeInbound(Unpooled.buffer().writeInt(5).writeByte(99).writeInt(1)));
        assertTrue(error.getMessage().contains("unknown frame type 99"), error.getMessage());
        unknown.finishAndReleaseAll();

        EmbeddedChannel tooShort = channel();
        assertThrows(DecoderException.class, () -> tooShort.writeInbound(Unpooled.buffer().writeInt(2).writeShort(1)));
        tooShort.finishAndReleaseAll();
    }

    @Test
    void aTruncatedFrameIsNeverDelivered() {
        EmbeddedChannel receiver = channel();
        receiver.writeInbound(Unpooled.buffer().writeInt(100).writeByte(FrameType.DATA.code).writeInt(1).writeBytes(new byte[10]));
        assertNull(receiver.readInbound(), "nothing is delivered until the whole frame is there");
        receiver.finishAndReleaseAll();
    }

    @Test
    void helloCarriesVersionPortAndNameAndRejectsDamage() {
        Hello hello = new Hello(Hello.VERSION, 0, 22070, "Ana's laptop");
        assertEquals(hello, Hello.decode(hello.encode()));
        byte[] damaged = hello.encode();
        damaged[9] = 100; // name length beyond the payload
        assertThrows(CorruptedFrameException.class, () -> Hello.decode(damaged));
        assertThrows(CorruptedFrameException.class, () -> Hello.decode(new byte[3]));
        assertEquals("a b", Hello.decode(new Hello(1, 0, 1, "a\u0007b").encode()).displayName());
    }
}
