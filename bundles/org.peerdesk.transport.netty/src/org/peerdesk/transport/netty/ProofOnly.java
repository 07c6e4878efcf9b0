package org.peerdesk.transport.netty;

import java.util.concurrent.CompletableFuture;

import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Ends a probe's connection as soon as the link proved who answered ({@link NettyTransport#probe}): no Hello, so the
 * peer never takes it for a connection, and the one it has with this node stays as it is.
 */
final class ProofOnly extends ChannelInboundHandlerAdapter {

    private final PeerAddress address;
    private final CompletableFuture<Void> proven;

    ProofOnly(PeerAddress address, CompletableFuture<Void> proven) {
        this.address = address;
        this.proven = proven;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof Link.PeerAuthenticated) {
            proven.complete(null);
            context.close();
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        proven.completeExceptionally(new TransportException("At " + address + ": " + ConnectionHandler.describe(cause), cause));
        context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        proven.completeExceptionally(new TransportException("At " + address + ": the connection closed before the peer proved who it is."));
    }
}
