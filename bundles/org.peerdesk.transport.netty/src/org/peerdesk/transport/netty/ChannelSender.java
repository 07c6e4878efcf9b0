package org.peerdesk.transport.netty;

import io.netty.channel.Channel;

/**
 * Sends frames on a connection's channel. Nothing waits here: the connection's window already
 * bounds the DATA that can be queued in front of a frame, and control frames are small. Frames
 * queued from another thread do not wake the network thread; a flush does, once for all of them.
 */
final class ChannelSender implements FrameSender {

    private final Channel channel;

    ChannelSender(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void queue(Frame frame) {
        channel.write(frame, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void send(Frame frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }
}
