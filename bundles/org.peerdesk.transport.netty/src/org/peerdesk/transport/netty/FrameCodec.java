package org.peerdesk.transport.netty;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageCodec;

/**
 * Turns length-delimited byte frames into {@link Frame}s and back: a 4-byte length, a type byte, a
 * 4-byte stream number, then the payload. Incoming frames are split at their length prefixes by
 * {@link #lengthDecoder()} in front of this codec, which bounds each to {@link #MAX_PAYLOAD} bytes.
 */
final class FrameCodec extends MessageToMessageCodec<ByteBuf, Frame> {

    /** The largest payload a frame may carry; a longer frame closes the connection. */
    static final int MAX_PAYLOAD = 1 << 20;
    static final int HEADER = 5;
    /** The bytes a frame takes on the wire besides its payload: the length prefix and the header. */
    static final int OVERHEAD = 4 + HEADER;

    /**
     * Splits the byte stream at the length prefixes. Bytes that arrive in pieces are gathered as a
     * composite rather than copied together, since {@link #decode} copies each frame out once anyway.
     */
    static LengthFieldBasedFrameDecoder lengthDecoder() {
        LengthFieldBasedFrameDecoder decoder = new LengthFieldBasedFrameDecoder(MAX_PAYLOAD + HEADER, 0, 4, 0, 4);
        decoder.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        return decoder;
    }

    /**
     * The length and header in a small buffer, the payload wrapped as it is, as one message: TLS then
     * encrypts a large frame in slices of a record each without copying it again, as long as the
     * frame fills whole records (see {@link MultiplexedStream#MAX_DATA}).
     */
    @Override
    protected void encode(ChannelHandlerContext context, Frame frame, List<Object> out) {
        ByteBuf header = Unpooled.buffer(OVERHEAD);
        header.writeInt(HEADER + frame.payload().length);
        header.writeByte(frame.type().code);
        header.writeInt(frame.stream());
        out.add(frame.payload().length == 0 ? header : Unpooled.wrappedBuffer(header, Unpooled.wrappedBuffer(frame.payload())));
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf buffer, List<Object> out) {
        if (buffer.readableBytes() < HEADER) {
            throw new CorruptedFrameException("a frame of " + buffer.readableBytes() + " bytes is shorter than its header");
        }
        int code = buffer.readUnsignedByte();
        FrameType type = FrameType.of(code);
        if (type == null) {
            throw new CorruptedFrameException("unknown frame type " + code);
        }
        int stream = buffer.readInt();
        byte[] payload = new byte[buffer.readableBytes()];
        buffer.readBytes(payload);
        out.add(new Frame(type, stream, payload));
    }
}
