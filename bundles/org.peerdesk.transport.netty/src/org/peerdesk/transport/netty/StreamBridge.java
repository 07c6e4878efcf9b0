package org.peerdesk.transport.netty;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.peerdesk.core.Threads;
import org.peerdesk.transport.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Joins an in-JVM channel to a stream, both ways: a relayed connection's pipeline runs on the other end of that
 * channel as on a socket, and its bytes travel in the stream through the relay. Streams block, so reading the
 * stream and writing it run on threads of their own, never on the channel's event loop.
 */
final class StreamBridge extends ChannelInboundHandlerAdapter {

    private static final int CHUNK = 64 * 1024;

    private final Stream stream;
    private final Executor threads;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-relayed-writer"));

    StreamBridge(Stream stream, Executor threads) {
        this.stream = stream;
        this.threads = threads;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        Channel channel = context.channel();
        threads.execute(() -> pump(channel));
        super.channelActive(context);
    }

    /** The stream's bytes into the channel, each write finished before the next read, until either ends. */
    private void pump(Channel channel) {
        byte[] buffer = new byte[CHUNK];
        try {
            int read;
            while ((read = stream.input().read(buffer)) >= 0) {
                ChannelFuture written = channel.writeAndFlush(Unpooled.copiedBuffer(buffer, 0, read)).awaitUninterruptibly();
                if (!written.isSuccess()) {
                    break;
                }
            }
        } catch (IOException e) {
            // the relay or the other end went away: the connection ends with the channel
        } finally {
            channel.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf data = (ByteBuf) message;
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(data);
        } finally {
            data.release();
        }
        writer.execute(() -> {
            try {
                stream.output().write(bytes);
            } catch (IOException e) {
                context.close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        writer.execute(stream::close);
        writer.shutdown();
        super.channelInactive(context);
    }
}
