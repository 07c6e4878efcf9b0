package org.peerdesk.transport.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RefusalCode;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;
import org.peerdesk.transport.netty.NettyTransport;
import org.peerdesk.transport.netty.TransportEvents;
import org.peerdesk.transport.spi.ProtocolHandler;
import org.peerdesk.transport.spi.StreamAuthorizer;
import org.peerdesk.transport.spi.StreamLease;

class LocalTransportsTest {

    private static final ProtocolId ECHO = ProtocolId.of("/test/echo/1");
    private static final ProtocolId SECRET = ProtocolId.of("/test/secret/1");

    @TempDir
    Path home;
    private LocalIdentity anaId;
    private LocalIdentity benId;
    private NettyTransport ana;
    private NettyTransport ben;
    private final AtomicReference<Runnable> withdrawEcho = new AtomicReference<>();
    private volatile boolean admitAna = true;
    private final StreamAuthorizer benAuthorizer = new StreamAuthorizer() {
        @Override
        public Authorization authorize(PeerId peer, ProtocolId protocol) {
            if (protocol.equals(SECRET)) {
                return Authorization.deny("not for you");
            }
            return Authorization.allow("a test peer", new StreamLease() {
                @Override
                public void attach(Runnable withdraw) {
                    withdrawEcho.set(withdraw);
                }

                @Override
                public void release() {
                    withdrawEcho.set(null);
                }
            });
        }

        @Override
        public Authorization admit(PeerId peer) {
            return admitAna ? Authorization.allow("welcome") : Authorization.deny("blocked");
        }
    };

    @BeforeEach
    void start() throws Exception {
        anaId = LocalIdentity.inFolder(home.resolve("ana"));
        benId = LocalIdentity.inFolder(home.resolve("ben"));
        Map<ProtocolId, ProtocolHandler> handlers = Map.of(ECHO, stream -> stream.input().transferTo(stream.output()),
                SECRET, stream -> stream.output().write(1));
        ana = LocalTransports.start(anaId, Optional::empty, protocol -> Optional.ofNullable(handlers.get(protocol)),
                TransportEvents.NONE);
        ben = LocalTransports.start(benId, () -> Optional.of(benAuthorizer), protocol -> Optional.ofNullable(handlers.get(protocol)),
                TransportEvents.NONE);
    }

    @AfterEach
    void stop() {
        ana.close();
        ben.close();
    }

    @Test
    void peersConnectAndCarryStreamsWithFlowControlInsideOneJvm() throws Exception {
        assertEquals("local", ben.listenAddresses().get(0).host());
        ConnectedPeer connected = ana.connect(benId.peerId(), ben.listenAddresses().get(0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(benId.peerId(), connected.id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ben.connectedPeers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(anaId.peerId(), ben.connectedPeers().get(0).id(), "the listener learns who dialed");

        byte[] sent = new byte[20 << 20]; // five times the stream window, so flow control must work
        new Random(7).nextBytes(sent);
        Stream echo = ana.openStream(benId.peerId(), ECHO).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Thread writer = new Thread(() -> {
            try (var out = echo.output()) {
                out.write(sent);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] received = echo.input().readAllBytes();
        writer.join();
        assertArrayEquals(sent, received);
        echo.close();
    }

    @Test
    void theDialerRefusesAPeerThatIsNotTheOneItExpected() throws Exception {
        LocalIdentity cai = LocalIdentity.inFolder(home.resolve("cai"));
        ExecutionException wrong = assertThrows(ExecutionException.class, () -> ana.connect(cai.peerId(),
                ben.listenAddresses().get(0)).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(wrong.getCause().getMessage().contains("Expected peer"), wrong.getCause().getMessage());
        assertTrue(ana.connectedPeers().isEmpty() && ben.connectedPeers().isEmpty());
    }

    @Test
    void unknownAndUnauthorizedProtocolsAreRefusedWithTheirCodes() throws Exception {
        ana.connect(benId.peerId(), ben.listenAddresses().get(0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(RefusalCode.UNKNOWN_PROTOCOL, refusal(ProtocolId.of("/test/nobody/1")));
        assertEquals(RefusalCode.NOT_AUTHORIZED, refusal(SECRET));
        ExecutionException noAuthorizer = assertThrows(ExecutionException.class,
                () -> ben.openStream(anaId.peerId(), ECHO).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(RefusalCode.NOT_AUTHORIZED, ((StreamRefusedException) noAuthorizer.getCause()).code(),
                "without an authorizer every stream is refused");
    }

    @Test
    void aStreamWhoseAccessIsWithdrawnIsResetAndItsLeaseReleased() throws Exception {
        ana.connect(benId.peerId(), ben.listenAddresses().get(0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Stream echo = ana.openStream(benId.peerId(), ECHO).toCompletableFuture().get(10, TimeUnit.SECONDS);
        echo.output().write(7);
        echo.output().flush();
        assertEquals(7, echo.input().read());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (withdrawEcho.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        withdrawEcho.get().run();
        assertThrows(java.io.IOException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                echo.output().write(new byte[1024]);
                echo.output().flush();
                if (echo.input().read() < 0) {
                    throw new java.io.EOFException("ended");
                }
            }
        }, "the withdrawn stream is reset");
        while (withdrawEcho.get() != null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(null, withdrawEcho.get(), "the closed stream released its lease");
    }

    @Test
    void aPeerTheAuthorizerDoesNotAdmitCannotConnect() {
        admitAna = false;
        assertThrows(ExecutionException.class,
                () -> ana.connect(benId.peerId(), ben.listenAddresses().get(0)).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(ben.connectedPeers().isEmpty());
    }

    private RefusalCode refusal(ProtocolId protocol) {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> ana.openStream(benId.peerId(), protocol).toCompletableFuture().get(10, TimeUnit.SECONDS));
        return ((StreamRefusedException) refused.getCause()).code();
    }
}
