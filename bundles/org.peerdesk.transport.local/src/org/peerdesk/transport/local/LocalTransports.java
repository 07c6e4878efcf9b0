package org.peerdesk.transport.local;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.netty.NettyTransport;
import org.peerdesk.transport.netty.TransportEvents;
import org.peerdesk.transport.spi.ProtocolHandler;
import org.peerdesk.transport.spi.StreamAuthorizer;

/**
 * Transports that reach each other inside one JVM, for tests of the areas built on the transport:
 * the same connections, streams, flow control and authorization as between machines, without
 * sockets, ports or TLS handshakes. Each listens at an address {@code local:N}.
 */
public final class LocalTransports {

    private LocalTransports() {
    }

    /**
     * Starts a transport for {@code identity} that serves the streams peers open with
     * {@code handlers}, once {@code authorizer} allowed them. Close it when done.
     */
    public static NettyTransport start(NodeIdentity identity, Supplier<Optional<StreamAuthorizer>> authorizer,
            Function<ProtocolId, Optional<ProtocolHandler>> handlers, TransportEvents events) throws TransportException {
        return NettyTransport.start(new LocalLink(identity.peerId()), identity,
                NettyTransport.Settings.listeningOn(LocalLink.HOST, 0, 1), events, authorizer, handlers);
    }
}
