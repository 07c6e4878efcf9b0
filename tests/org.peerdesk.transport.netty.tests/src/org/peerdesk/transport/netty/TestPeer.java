package org.peerdesk.transport.netty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.peerdesk.core.PeerId;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;
import org.peerdesk.transport.spi.ProtocolHandler;
import org.peerdesk.transport.spi.StreamAuthorizer;
import org.peerdesk.transport.spi.SuccessionRecord;

/** A real transport on loopback with a real identity, whose handlers and authorizer a test sets. */
final class TestPeer implements AutoCloseable {

    final LocalIdentity identity;
    final NettyTransport transport;
    final Map<ProtocolId, ProtocolHandler> handlers = new ConcurrentHashMap<>();
    final AtomicReference<StreamAuthorizer> authorizer = new AtomicReference<>((peer, protocol) -> StreamAuthorizer.Authorization.allow("test"));
    final List<String> events = new CopyOnWriteArrayList<>();
    /** The newest machine each identity was seen on, as the transport records it. */
    final Map<PeerId, Integer> successionsSeen = new ConcurrentHashMap<>();
    private final SuccessionRecord successions = new SuccessionRecord() {
        @Override
        public int newest(PeerId peer) {
            return successionsSeen.getOrDefault(peer, 0);
        }

        @Override
        public void saw(PeerId peer, int succession) {
            successionsSeen.put(peer, succession);
        }
    };
    private final String host;

    TestPeer(Path folder) throws Exception {
        this(folder, "127.0.0.1");
    }

    /** One that listens on {@code host} only, a loopback address. */
    TestPeer(Path folder, String host) throws Exception {
        this(folder, host, Duration.ofSeconds(15), Duration.ofSeconds(45), Duration.ofSeconds(5));
    }

    TestPeer(Path folder, Duration pingInterval, Duration idleTimeout) throws Exception {
        this(folder, "127.0.0.1", pingInterval, idleTimeout, Duration.ofSeconds(5));
    }

    /** One that waits {@code connectTimeout} for an address to answer its dial. */
    TestPeer(Path folder, Duration connectTimeout) throws Exception {
        this(folder, "127.0.0.1", Duration.ofSeconds(15), Duration.ofSeconds(45), connectTimeout);
    }

    /** One that listens on {@code port} of 127.0.0.1, or fails to start. */
    TestPeer(Path folder, int port) throws Exception {
        this(folder, "127.0.0.1", port, Duration.ofSeconds(15), Duration.ofSeconds(45), Duration.ofSeconds(5));
    }

    private TestPeer(Path folder, String host, Duration pingInterval, Duration idleTimeout, Duration connectTimeout) throws Exception {
        this(folder, host, 0, pingInterval, idleTimeout, connectTimeout);
    }

    private TestPeer(Path folder, String host, int port, Duration pingInterval, Duration idleTimeout, Duration connectTimeout)
            throws Exception {
        this.identity = LocalIdentity.inFolder(folder);
        this.host = host;
        NettyTransport.Settings settings = new NettyTransport.Settings(host, port, 1, pingInterval, idleTimeout,
                Duration.ofSeconds(5), connectTimeout);
        this.transport = new NettyTransport(new TcpLink(identity, Clock.systemUTC()), identity, settings, Clock.systemUTC(),
                new TransportEvents() {
            @Override
            public void connected(ConnectedPeer peer) {
                events.add("connected " + peer.id().shortForm());
            }

            @Override
            public void disconnected(PeerId peer, String reason) {
                events.add("disconnected " + peer.shortForm() + ": " + reason);
            }

            @Override
            public void renamed(ConnectedPeer peer) {
                events.add("renamed " + peer.id().shortForm() + " " + peer.displayName());
            }

            @Override
            public void twinRefused(TwinRefused refused) {
                events.add("twin refused: " + refused.peer().shortForm() + " kept at " + refused.kept() + ", refused at "
                        + refused.refused());
            }

            @Override
            public void twinSeen(TwinSeen seen) {
                events.add("twin seen by " + seen.peer().shortForm() + ", " + (seen.thisMachineRefused() ? "which refused this"
                        + " machine and kept the one at " : "which kept this machine and refused the one at ") + seen.other());
            }
        }, threads -> new StreamDispatcher(threads, () -> Optional.ofNullable(authorizer.get()),
                protocol -> Optional.ofNullable(handlers.get(protocol))), () -> Optional.of(successions));
    }

    PeerId id() {
        return identity.peerId();
    }

    PeerAddress address() {
        return new PeerAddress(host, transport.port());
    }

    @Override
    public void close() {
        transport.close();
    }
}
