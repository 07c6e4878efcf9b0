package org.peerdesk.transport.netty;

import java.util.concurrent.locks.LockSupport;

import io.netty.channel.Channel;

/**
 * Sends frames on a connection's channel. A DATA frame waits while the channel holds more unsent
 * bytes than its high water mark, so bulk data never piles up in front of other streams' frames;
 * control frames never wait. DATA is only ever sent from application threads, never the event loop.
 */
final class ChannelSender implements FrameSender {

    private static final long PAUSE_NANOS = 100_000;

    private final Channel channel;

    ChannelSender(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void send(Frame frame) {
        if (frame.type() == FrameType.DATA) {
            while (!channel.isWritable() && channel.isActive()) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
        channel.writeAndFlush(frame);
    }
}
