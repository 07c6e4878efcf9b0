package org.peerdesk.transport.netty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Closes a connection that comes from an address which already has {@value #MAX_PER_ADDRESS} open to this
 * node, before any TLS work is spent on it. One machine flooding the node with connections (each of which
 * may sit in its handshake for seconds) then costs it a bounded share, and peers elsewhere still get in.
 * A peer needs one connection; the limit leaves room for many nodes behind one address.
 */
@Sharable
final class AddressLimit extends ChannelInboundHandlerAdapter {

    static final int MAX_PER_ADDRESS = 16;

    private static final Logger LOG = System.getLogger(AddressLimit.class.getName());

    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        InetAddress from = addressOf(context);
        if (from != null) {
            int count = open.merge(from, 1, Integer::sum);
            if (count > MAX_PER_ADDRESS) {
                if (count == MAX_PER_ADDRESS + 1) { // once per burst, not once per refused connection
                    LOG.log(Level.WARNING, "Refusing connections from {0}: {1} are open from there already",
                            from.getHostAddress(), MAX_PER_ADDRESS);
                }
                context.close();
                return;
            }
        }
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        InetAddress from = addressOf(context);
        if (from != null) {
            open.computeIfPresent(from, (address, count) -> count == 1 ? null : count - 1);
        }
        super.channelInactive(context);
    }

    /** The remote IP address; none for links that are not IP (in-JVM channels). */
    private static InetAddress addressOf(ChannelHandlerContext context) {
        return context.channel().remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
    }
}
