package org.peerdesk.transport.local;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.netty.Link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;

/**
 * Netty's in-JVM channels: no sockets and no TLS. Only code in this JVM can reach such a channel,
 * so each side simply states its peer ID first; the dialer still checks that the peer it reached
 * is the one it expected. Addresses are {@code local:N}, with N counted up in this JVM.
 */
final class LocalLink implements Link {

    static final String HOST = "local";
    private static final String PREFIX = "peerdesk-";
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(1);

    private final PeerId self;

    LocalLink(PeerId self) {
        this.self = self;
    }

    @Override
    public IoHandlerFactory ioHandlers() {
        return LocalIoHandler.newFactory();
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return LocalServerChannel.class;
    }

    @Override
    public Class<? extends Channel> channel() {
        return LocalChannel.class;
    }

    @Override
    public SocketAddress listenAddress(String host, int port) {
        return new LocalAddress(PREFIX + (port == 0 ? NEXT_PORT.getAndIncrement() : port));
    }

    @Override
    public SocketAddress dialAddress(PeerAddress address) {
        return new LocalAddress(PREFIX + address.port());
    }

    @Override
    public void authenticate(ChannelPipeline pipeline, PeerId expected, PeerAddress address) {
        pipeline.addLast("local-identity", new StatedIdentity(self, expected));
    }

    @Override
    public PeerAddress peerAddress(Channel channel, boolean outbound, int announcedPort) {
        return new PeerAddress(HOST, outbound ? portOf(channel.remoteAddress()) : Math.max(1, announcedPort));
    }

    @Override
    public int listenPort(Channel server) {
        return portOf(server.localAddress());
    }

    @Override
    public List<PeerAddress> listenAddresses(Channel server) {
        return List.of(new PeerAddress(HOST, listenPort(server)));
    }

    private static int portOf(SocketAddress address) {
        return Integer.parseInt(((LocalAddress) address).id().substring(PREFIX.length()));
    }

    /** Sends this node's ID as the first message, and takes the peer's from its first message. */
    private static final class StatedIdentity extends ChannelInboundHandlerAdapter {
        private final PeerId self;
        private final PeerId expected;
        private boolean stated;

        StatedIdentity(PeerId self, PeerId expected) {
            this.self = self;
            this.expected = expected;
        }

        /** A dialed channel is active before its handlers are added, an accepted one may be or not: the ID goes once, when both are. */
        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            if (context.channel().isActive()) {
                stateIdentity(context);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext context) throws Exception {
            stateIdentity(context);
            super.channelActive(context);
        }

        private void stateIdentity(ChannelHandlerContext context) {
            if (!stated) {
                stated = true;
                byte[] id = self.toString().getBytes(StandardCharsets.US_ASCII);
                context.writeAndFlush(Unpooled.buffer(1 + id.length).writeByte(id.length).writeBytes(id));
            }
        }

        /** Reads the length-prefixed ID; bytes after it (the peer's Hello may come along) go on to the frame decoder. */
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
            ByteBuf in = (ByteBuf) message;
            try {
                if (!in.isReadable() || in.readableBytes() < 1 + in.getUnsignedByte(in.readerIndex())) {
                    throw new TransportException("The local peer did not state its peer ID");
                }
                PeerId peer = parse(in.readCharSequence(in.readUnsignedByte(), StandardCharsets.US_ASCII).toString());
                check(peer);
                context.pipeline().remove(this);
                context.fireUserEventTriggered(new PeerAuthenticated(peer, 0));
                if (in.isReadable()) {
                    context.fireChannelRead(in.retain());
                }
            } finally {
                in.release();
            }
        }

        private static PeerId parse(String text) throws TransportException {
            try {
                return PeerId.parse(text);
            } catch (InvalidInputException e) {
                throw new TransportException("The local peer did not state a peer ID: " + e.getMessage(), e);
            }
        }

        private void check(PeerId peer) throws TransportException {
            if (expected != null && !expected.equals(peer)) {
                throw new TransportException("Expected peer " + expected.shortForm() + ", but " + peer.shortForm()
                        + " answered");
            }
        }
    }
}
