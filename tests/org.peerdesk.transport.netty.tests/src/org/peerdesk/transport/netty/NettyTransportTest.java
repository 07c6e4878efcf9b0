package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.testing.FolderCopies;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerRefusedException;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.RefusalCode;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.spi.StreamAuthorizer;

/** Two (or three) real transports with real identities talking TLS 1.3 over loopback. */
@Timeout(60)
class NettyTransportTest {

    private static final ProtocolId ECHO = ProtocolId.of("/test/echo/1");
    private static final ProtocolId SINK = ProtocolId.of("/test/sink/1");

    @TempDir
    Path home;

    private TestPeer alice;
    private final AtomicBoolean relaying = new AtomicBoolean(true);
    private TestPeer bob;

    @BeforeEach
    void start() throws Exception {
        alice = new TestPeer(home.resolve("alice"));
        bob = new TestPeer(home.resolve("bob"));
        bob.handlers.put(ECHO, stream -> stream.input().transferTo(stream.output()));
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static byte[] echo(Stream stream, byte[] data) throws Exception {
        try (stream) {
            stream.output().write(data);
            stream.output().close();
            return stream.input().readAllBytes();
        }
    }

    @Test
    void aFloodOfConnectionsFromOneAddressIsCutOffThereWhilePeersElsewhereStillGetIn() throws Exception {
        int over = 4;
        List<Socket> flood = new ArrayList<>();
        try (TestPeer carol = new TestPeer(home.resolve("carol"), "127.0.0.2")) {
            for (int i = 0; i < AddressLimit.MAX_PER_ADDRESS + over; i++) {
                Socket silent = new Socket("127.0.0.1", bob.transport.port()); // never says a word: sits in its handshake
                silent.setSoTimeout(3000);
                flood.add(silent);
            }
            long closed;
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) { // all wait at once
                List<CompletableFuture<Boolean>> ends = flood.stream().map(socket -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return socket.getInputStream().read() == -1;
                    } catch (java.io.IOException e) {
                        return false; // still open when the wait ran out
                    }
                }, readers)).toList();
                closed = ends.stream().filter(CompletableFuture::join).count();
            }
            assertEquals(over, closed, "the connections over the limit are closed at once, the others are left to their handshake");
            assertThrows(TransportException.class, () -> await(alice.transport.connect(bob.id(), bob.address())),
                    "a node on the flooding address waits its turn");
            assertEquals(bob.id(), await(carol.transport.connect(bob.id(), bob.address())).id(), "a node on another address gets in");
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        waitUntil("once the flood is gone, its address gets in again", () -> {
            try {
                return await(alice.transport.connect(bob.id(), bob.address())).id().equals(bob.id());
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aProbeSeesThePeerProveItselfAndHangsUpLeavingTheConnectionAsItWas() throws Exception {
        await(alice.transport.connect(bob.id(), bob.address()));
        await(bob.transport.probe(alice.id(), alice.address()));
        TransportException someoneElse = assertThrows(TransportException.class, () -> await(bob.transport.probe(bob.id(), alice.address())));
        assertTrue(someoneElse.getMessage().startsWith("At " + alice.address() + ": "), someoneElse.getMessage());
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        TransportException nobody = assertThrows(TransportException.class,
                () -> await(bob.transport.probe(alice.id(), new PeerAddress("127.0.0.1", closedPort))));
        assertTrue(nobody.getMessage().startsWith("Cannot reach 127.0.0.1:" + closedPort), nobody.getMessage());
        assertArrayEquals(new byte[] {4}, echo(await(alice.transport.openStream(bob.id(), ECHO)), new byte[] {4}));
        assertEquals(List.of("connected " + alice.id().shortForm()), bob.events, "the probes were never taken for connections");
        assertEquals(List.of("connected " + bob.id().shortForm()), alice.events);
    }

    @Test
    void aPunchDialsFromThePortTheNodeListensOn() throws Exception {
        try (ServerSocket notAPeer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<ConnectedPeer> punch = alice.transport.punch(bob.id(),
                    List.of(new PeerAddress("127.0.0.1", notAPeer.getLocalPort())), true).toCompletableFuture();
            try (Socket dialed = notAPeer.accept()) {
                assertEquals(alice.transport.port(), dialed.getPort(), "a router that let the peer's dial in lets in one from there");
            }
            assertThrows(TransportException.class, () -> await(punch), "what answered was no peer");
            int closedPort = notAPeer.getLocalPort();
            notAPeer.close();
            PeerAddress nobody = new PeerAddress("127.0.0.1", closedPort);
            TransportException twice = assertThrows(TransportException.class,
                    () -> await(alice.transport.punch(bob.id(), List.of(nobody, nobody), true)), "an address given twice fails once");
            assertTrue(twice.getMessage().startsWith("Cannot reach 127.0.0.1:" + closedPort + ": "), twice.getMessage());
        }
        assertEquals(bob.id(), await(alice.transport.connect(bob.id(), bob.address())).id(), "the listening port still listens");
    }

    @Test
    void aNodeThatPunchedStartsAgainOnItsPortWhileThatDialStillLingers() throws Exception {
        TestPeer carol = new TestPeer(home.resolve("carol"));
        int port = carol.transport.port();
        try (ServerSocket holdsOn = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { // never closes its end
            Socket dialed;
            try {
                carol.transport.punch(bob.id(), List.of(new PeerAddress("127.0.0.1", holdsOn.getLocalPort())), true);
                dialed = holdsOn.accept();
            } finally {
                carol.close(); // its dial is left waiting for the other end to close
            }
            try (dialed; TestPeer again = new TestPeer(home.resolve("carol"), port)) {
                assertEquals(port, again.transport.port());
            }
        }
    }

    @Test
    void aPunchDialsEveryAddressOnItsOwnSoAnotherMachineAnsweringFirstCostsNothing() throws Exception {
        try (ServerSocket elsewhere = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { // answers, then says nothing
            PeerAddress someoneElse = new PeerAddress("127.0.0.1", elsewhere.getLocalPort());
            assertEquals(bob.id(), await(alice.transport.punch(bob.id(), List.of(someoneElse, bob.address()), true)).id());
        }
    }

    /**
     * On one machine nothing filters, so the leader's dial reaches the follower's listener; the follower's own dial from its
     * listening port then cannot be made (that pair of ports is taken), and its punch is answered by the connection that
     * came in. Two dials that cross between routers are the system test's (RelayTest).
     */
    @Test
    void aPunchIsAnsweredByTheDirectConnectionWhicheverSideDialedWithTheLeaderAsItsDialer() throws Exception {
        ConnectedPeer bobAtAlice = await(alice.transport.punch(bob.id(), List.of(bob.address()), true));
        waitUntil("bob has the connection alice dialed", () -> bob.transport.directConnection(alice.id()).isPresent());
        ConnectedPeer aliceAtBob = await(bob.transport.punch(alice.id(), List.of(alice.address()), false));
        assertEquals(bob.id(), bobAtAlice.id());
        assertEquals(alice.id(), aliceAtBob.id());
        assertFalse(bobAtAlice.inbound(), "alice leads: she dialed");
        assertTrue(aliceAtBob.inbound(), "bob was dialed, and so records where alice listens");
        assertEquals(alice.address(), aliceAtBob.address());
        assertArrayEquals(new byte[] {1, 2, 3}, echo(await(alice.transport.openStream(bob.id(), ECHO)), new byte[] {1, 2, 3}));
        assertEquals(List.of("connected " + bob.id().shortForm()), alice.events, "one connection, none closed as a duplicate");
        assertEquals(List.of("connected " + alice.id().shortForm()), bob.events);
    }

    @Test
    void aNodeListeningOnOneAddressDialsFromItSoItsPeerRecordsWhereItListens() throws Exception {
        try (TestPeer carol = new TestPeer(home.resolve("carol"), "127.0.0.2")) {
            await(carol.transport.connect(bob.id(), bob.address()));
            waitUntil("bob sees carol", () -> bob.transport.connection(carol.id()).isPresent());
            assertEquals(carol.address(), bob.transport.connection(carol.id()).get().address(),
                    "where carol listens, not the address the system would have dialed from");
        }
    }

    @Test
    void peersConnectWithMutualAuthenticationAndExchangeDataOnAStream() throws Exception {
        ConnectedPeer connected = await(alice.transport.connect(bob.id(), bob.address()));
        assertEquals(bob.id(), connected.id());
        assertEquals(bob.identity.displayName(), connected.displayName());
        assertFalse(connected.inbound());
        waitUntil("bob sees alice", () -> bob.transport.connection(alice.id()).isPresent());
        assertTrue(bob.transport.connection(alice.id()).get().inbound());

        byte[] reply = echo(await(alice.transport.openStream(bob.id(), ECHO)), "hello, bob".getBytes(StandardCharsets.UTF_8));
        assertEquals("hello, bob", new String(reply, StandardCharsets.UTF_8));
        assertTrue(alice.events.contains("connected " + bob.id().shortForm()), alice.events.toString());
    }

    @Test
    void aPeerWhoseKeyIsNotTheExpectedIdFailsTheHandshake() throws Exception {
        TestPeer mallory = new TestPeer(home.resolve("mallory"));
        try {
            TransportException refused = assertThrows(TransportException.class,
                    () -> await(alice.transport.connect(mallory.id(), bob.address())));
            assertTrue(refused.getMessage().contains("Expected peer " + mallory.id().shortForm()), refused.getMessage());
            assertTrue(alice.transport.connectedPeers().isEmpty());
            Thread.sleep(200);
            assertTrue(bob.transport.connectedPeers().isEmpty(), "nothing was established on bob's side");
            assertTrue(bob.events.isEmpty(), bob.events.toString());
        } finally {
            mallory.close();
        }
    }

    @Test
    void streamsAreRefusedWithACodeForUnknownProtocolsAndUnauthorizedPeers() throws Exception {
        await(alice.transport.connect(bob.id(), bob.address()));
        StreamRefusedException unknown = assertThrows(StreamRefusedException.class,
                () -> await(alice.transport.openStream(bob.id(), ProtocolId.of("/test/nothing/1"))));
        assertEquals(RefusalCode.UNKNOWN_PROTOCOL, unknown.code());

        AtomicBoolean handled = new AtomicBoolean();
        bob.handlers.put(SINK, stream -> handled.set(true));
        bob.authorizer.set((peer, protocol) -> StreamAuthorizer.Authorization.deny("alice has no grant"));
        StreamRefusedException denied = assertThrows(StreamRefusedException.class,
                () -> await(alice.transport.openStream(bob.id(), SINK)));
        assertEquals(RefusalCode.NOT_AUTHORIZED, denied.code());
        assertTrue(denied.getMessage().contains("alice has no grant"), denied.getMessage());

        bob.authorizer.set(null);
        StreamRefusedException nobody = assertThrows(StreamRefusedException.class,
                () -> await(alice.transport.openStream(bob.id(), SINK)));
        assertEquals(RefusalCode.NOT_AUTHORIZED, nobody.code(), "no authorizer means no access");
        assertFalse(handled.get(), "the handler never saw a refused stream");
    }

    /**
     * A handler waiting on its stream when its node stops sees the stream end, and may then finish what it does (record
     * what it got, say); it is not interrupted, which it would log as a failure.
     */
    @Test
    void aHandlerWhoseStreamEndsAsItsNodeStopsSeesTheEndAndFinishes() throws Exception {
        CompletableFuture<String> ended = new CompletableFuture<>();
        bob.handlers.put(SINK, stream -> {
            try {
                stream.input().read();
                ended.complete("read to the end");
            } catch (Exception e) {
                if (!StreamClosedException.endedTheStream(e)) {
                    ended.complete("failed: " + e);
                    return;
                }
            }
            try {
                Thread.sleep(300); // what the handler does with what it got
                ended.complete("saw the stream end and finished");
            } catch (InterruptedException e) {
                ended.complete("interrupted after the stream ended");
            }
        });
        await(alice.transport.connect(bob.id(), bob.address()));
        await(alice.transport.openStream(bob.id(), SINK));
        Thread.sleep(200); // the handler is waiting
        bob.close();
        assertEquals("saw the stream end and finished", ended.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSlowStreamDoesNotHoldUpAnotherOnTheSameConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        CompletableFuture<byte[]> sinkDigest = new CompletableFuture<>();
        bob.handlers.put(SINK, stream -> {
            release.await(); // a reader that does not read yet: its window fills, its sender waits
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.input().read(buffer)) > 0) {
                received.update(buffer, 0, n);
            }
            sinkDigest.complete(received.digest());
        });
        await(alice.transport.connect(bob.id(), bob.address()));
        byte[] bulk = new byte[4 * MultiplexedStream.WINDOW];
        new SecureRandom().nextBytes(bulk);
        Stream sink = await(alice.transport.openStream(bob.id(), SINK));
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try (OutputStream out = sink.output()) {
                out.write(bulk);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(sending.isDone(), "the bulk sender waits for window");

        byte[] reply = echo(await(alice.transport.openStream(bob.id(), ECHO)), "still there?".getBytes(StandardCharsets.UTF_8));
        assertEquals("still there?", new String(reply, StandardCharsets.UTF_8), "the other stream flows meanwhile");

        release.countDown();
        sending.get(20, TimeUnit.SECONDS);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bulk), sinkDigest.get(20, TimeUnit.SECONDS));
        sink.close();
    }

    @Test
    void anUploadLimitHoldsATransferBackWhileMessagesBesideItFlowAndLiftingItFreesTheTransfer() throws Exception {
        CompletableFuture<byte[]> sinkDigest = sink();
        await(alice.transport.connect(bob.id(), bob.address()));
        alice.transport.limitRates(new RateLimits(256 * 1024, 0));
        byte[] bulk = random(4 * 1024 * 1024); // 16 s at the limit
        CompletableFuture<Void> sending = sendAsync(await(alice.transport.openStream(bob.id(), SINK)), bulk);

        Thread.sleep(1000);
        byte[] reply = echo(await(alice.transport.openStream(bob.id(), ECHO)), "still there?".getBytes(StandardCharsets.UTF_8));
        assertEquals("still there?", new String(reply, StandardCharsets.UTF_8), "a message passes beside the held transfer");
        assertFalse(sending.isDone(), "the transfer is held to 256 KiB/s");

        alice.transport.limitRates(RateLimits.NONE);
        sending.get(8, TimeUnit.SECONDS); // would take about 12 s more under the limit
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bulk), sinkDigest.get(20, TimeUnit.SECONDS));
    }

    @Test
    void limitsWithHoursHoldOnlyInThem() {
        LocalTime now = LocalTime.now();
        LimitHours aroundNow = new LimitHours(now.minusHours(1), now.plusHours(1));
        LimitHours later = new LimitHours(now.plusHours(2), now.plusHours(3));
        RateLimits daytime = new RateLimits(256 * 1024, 0, Optional.of(aroundNow));
        alice.transport.limitRates(daytime);
        assertEquals(daytime, alice.transport.limitsInForce());
        alice.transport.limitRates(new RateLimits(256 * 1024, 0, Optional.of(later)));
        assertEquals(RateLimits.NONE, alice.transport.limitsInForce(), "outside its hours, a limit holds nothing back");
    }

    @Test
    void aDownloadLimitHoldsBackTheReaderAndSoTheSender() throws Exception {
        CompletableFuture<byte[]> sinkDigest = sink();
        await(alice.transport.connect(bob.id(), bob.address()));
        bob.transport.limitRates(new RateLimits(0, 512 * 1024));
        byte[] bulk = random(2 * 1024 * 1024);
        long start = System.nanoTime();
        sendAsync(await(alice.transport.openStream(bob.id(), SINK)), bulk);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bulk), sinkDigest.get(20, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds > 3, "2 MiB were read at 512 KiB/s in " + seconds + " s");
    }

    /** Bob's sink: reads a stream to its end and completes with the digest of what came. */
    private CompletableFuture<byte[]> sink() {
        CompletableFuture<byte[]> digest = new CompletableFuture<>();
        bob.handlers.put(SINK, stream -> {
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.input().read(buffer)) > 0) {
                received.update(buffer, 0, n);
            }
            digest.complete(received.digest());
        });
        return digest;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static CompletableFuture<Void> sendAsync(Stream stream, byte[] bulk) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream out = stream.output()) {
                out.write(bulk);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void peersDialingEachOtherAtOnceEndUpWithTheSameSingleConnection() throws Exception {
        for (int round = 0; round < 5; round++) {
            CompletableFuture<ConnectedPeer> fromAlice = alice.transport.connect(bob.id(), bob.address()).toCompletableFuture();
            CompletableFuture<ConnectedPeer> fromBob = bob.transport.connect(alice.id(), alice.address()).toCompletableFuture();
            await(fromAlice);
            await(fromBob);
            boolean aliceDials = alice.id().compareTo(bob.id()) < 0;
            waitUntil("one connection each, dialed by the lower ID", () ->
                    alice.transport.connection(bob.id()).map(c -> c.inbound() == !aliceDials).orElse(false)
                            && bob.transport.connection(alice.id()).map(c -> c.inbound() == aliceDials).orElse(false));
            assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8),
                    echo(await(alice.transport.openStream(bob.id(), ECHO)), "ok".getBytes(StandardCharsets.UTF_8)));
            alice.transport.disconnect(bob.id());
            waitUntil("disconnected", () -> alice.transport.connectedPeers().isEmpty() && bob.transport.connectedPeers().isEmpty());
        }
    }

    @Test
    void dialsOfOnePeerAtOnceShareOneConnectionSoNoStreamIsCutOff() throws Exception {
        List<CompletableFuture<ConnectedPeer>> dials = new ArrayList<>();
        for (int dial = 0; dial < 4; dial++) {
            dials.add(alice.transport.connect(bob.id(), bob.address()).toCompletableFuture());
        }
        await(dials.get(0));
        Stream opened = await(alice.transport.openStream(bob.id(), ECHO));
        for (CompletableFuture<ConnectedPeer> dial : dials) {
            assertEquals(bob.id(), await(dial).id());
        }
        assertArrayEquals("still there".getBytes(StandardCharsets.UTF_8), echo(opened, "still there".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("connected " + alice.id().shortForm()), bob.events, "bob was dialed once");
    }

    @Test
    void aPeerReachedOnlyThroughAnotherIsRelayedEncryptedEndToEndUntilADirectConnectionTakesItsPlace() throws Exception {
        try (TestPeer carol = new TestPeer(home.resolve("carol"))) {
            for (TestPeer peer : List.of(alice, bob, carol)) {
                peer.handlers.put(RelayWire.ID, peer.transport.relayHandler(() -> true));
            }
            carol.handlers.put(ECHO, stream -> stream.input().transferTo(stream.output()));
            await(alice.transport.connect(bob.id(), bob.address()));
            await(alice.transport.connect(carol.id(), carol.address()));

            ConnectedPeer relayed = await(bob.transport.connectVia(alice.id(), carol.id()));
            assertEquals(List.of(carol.id(), Optional.of(alice.id())), List.of(relayed.id(), relayed.relay()));
            waitUntil("carol has bob's relayed connection too", () -> carol.transport.connection(bob.id()).isPresent());
            ConnectedPeer atCarol = carol.transport.connection(bob.id()).orElseThrow();
            assertTrue(atCarol.inbound() && atCarol.relay().equals(Optional.of(alice.id())), "carol proved it is bob who came through alice");
            byte[] bulk = randomBytes(3 << 20);
            assertArrayEquals(bulk, echo(await(bob.transport.openStream(carol.id(), ECHO)), bulk), "3 MiB there and back through alice");

            TransportException nowhere = assertThrows(TransportException.class,
                    () -> await(carol.transport.connectVia(bob.id(), LocalIdentity.inFolder(home.resolve("dave")).peerId())));
            assertTrue(nowhere.getMessage().contains("this node is not connected to"), nowhere.getMessage());

            await(bob.transport.connect(carol.id(), carol.address()));
            waitUntil("the direct connection takes the relayed one's place on both sides",
                    () -> bob.transport.connection(carol.id()).map(c -> !c.relayed()).orElse(false)
                            && carol.transport.connection(bob.id()).map(c -> !c.relayed()).orElse(false));
            assertArrayEquals("direct".getBytes(StandardCharsets.UTF_8),
                    echo(await(bob.transport.openStream(carol.id(), ECHO)), "direct".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aRelayRequestThatIsNotOneEndsThatStreamAndARelayTurnedOffSaysSo() throws Exception {
        alice.handlers.put(RelayWire.ID, alice.transport.relayHandler(relaying::get));
        await(bob.transport.connect(alice.id(), alice.address()));
        for (byte[] junk : new byte[][] {{9, 1, 2, 3}, {RelayWire.CONNECT, 1, 2}}) {
            Stream stream = await(bob.transport.openStream(alice.id(), RelayWire.ID));
            stream.output().write(junk);
            stream.output().close();
            assertThrows(IOException.class, () -> stream.input().readAllBytes(), "the stream is reset, with nothing said");
        }
        relaying.set(false);
        TransportException off = assertThrows(TransportException.class,
                () -> await(bob.transport.connectVia(alice.id(), LocalIdentity.inFolder(home.resolve("dave")).peerId())));
        assertTrue(off.getMessage().contains("turned relaying off"), off.getMessage());
        TransportException refused = assertThrows(TransportException.class, () -> await(bob.transport.connectVia(alice.id(), alice.id())));
        assertTrue(refused.getMessage().contains("does not relay a connection to itself"), refused.getMessage());
        assertEquals(1, alice.transport.connectedPeers().size(), "alice still serves bob");
    }

    @Test
    void garbageOrOversizedFramesCloseOnlyTheOffendingConnection() throws Exception {
        await(alice.transport.connect(bob.id(), bob.address()));
        for (byte[] attack : new byte[][] {randomBytes(4096), oversizedFrameHeader()}) {
            try (SSLSocket socket = attacker()) {
                socket.startHandshake();
                socket.getOutputStream().write(attack);
                socket.getOutputStream().flush();
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[1024];
                while (in.read(buffer) >= 0) {
                    // bob's Hello, then the close
                }
            } catch (java.net.SocketException e) {
                // closed by bob: what we want
            }
        }
        assertEquals("fine", new String(echo(await(alice.transport.openStream(bob.id(), ECHO)),
                "fine".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8), "alice's connection still serves");
        assertEquals(1, bob.transport.connectedPeers().size());
    }

    @Test
    void theMachineThatTookAPeersPlaceEndsItsOldMachinesConnectionWhichIsRefusedFromThenOnAndToldWhy() throws Exception {
        await(alice.transport.connect(bob.id(), bob.address()));
        try (TestPeer successor = aliceTakenOver()) {
            assertEquals(List.of(alice.id(), 0, 1), List.of(successor.id(), alice.identity.succession(), successor.identity.succession()));
            await(successor.transport.connect(bob.id(), bob.address()));
            String told = bob.id().shortForm() + " refuses this machine: this node's identity runs on another machine now, one that"
                    + " took its place from a backup (machine 1; this is machine 0)";
            waitUntil("alice's old machine is told", () -> alice.events.contains("disconnected " + bob.id().shortForm() + ": " + told));
            assertArrayEquals("the new one".getBytes(StandardCharsets.UTF_8),
                    echo(await(successor.transport.openStream(bob.id(), ECHO)), "the new one".getBytes(StandardCharsets.UTF_8)));

            try (TestPeer oldAgain = new TestPeer(home.resolve("alice"))) { // started again, and not told yet on this start
                TransportException refused = assertThrows(PeerRefusedException.class, () -> await(oldAgain.transport.connect(bob.id(),
                        bob.address())));
                assertEquals("Could not connect: " + told + ".", refused.getMessage());
                DialProblem problem = oldAgain.transport.dialProblem(bob.id()).orElseThrow();
                assertEquals(List.of(refused.getMessage(), true), List.of(problem.reason(), problem.refused()), "the peer's state says why");
                assertTrue(oldAgain.transport.refusedByAPeer() && !successor.transport.refusedByAPeer());
            }
            try (TestPeer oldOnceMore = new TestPeer(home.resolve("alice"))) { // and bob dials it, at the old machine's address
                bob.transport.disconnect(alice.id());
                waitUntil("bob lets the new machine go", () -> bob.transport.connection(alice.id()).isEmpty());
                assertThrows(TransportException.class, () -> await(bob.transport.connect(alice.id(), oldOnceMore.address())));
                waitUntil("the old machine, dialed, is refused all the same", oldOnceMore.transport::refusedByAPeer);
                assertTrue(oldOnceMore.transport.dialProblem(bob.id()).orElseThrow().reason().contains("refuses this machine"));
                await(successor.transport.connect(bob.id(), bob.address()));
            }
            assertEquals(Optional.empty(), successor.transport.dialProblem(bob.id()), "connected: no problem to tell");
            assertTrue(successor.transport.connection(bob.id()).isPresent(), "the old machine's dial takes nothing from the new one");
            assertEquals(List.of(Map.of(alice.id(), 1), Map.of(alice.id(), 1)), List.of(bob.successionsSeen, alice.successionsSeen),
                    "kept, by the peer that refuses the old machine and by the old machine, which tells its user");
        }
    }

    @Test
    void aMachineToldThatAnotherTookItsPlaceSpeaksForTheNodeNoMoreEvenToPeersThatNeverMetTheOther() throws Exception {
        await(alice.transport.connect(bob.id(), bob.address()));
        try (TestPeer successor = aliceTakenOver(); TestPeer carol = new TestPeer(home.resolve("carol"))) {
            await(successor.transport.connect(bob.id(), bob.address()));
            waitUntil("alice's old machine is told", () -> alice.transport.connectedPeers().isEmpty() && alice.successionsSeen.size() == 1);

            String retired = "this machine speaks for its node no more: the node's identity runs on machine 1 now, one that took its"
                    + " place from a backup";
            TransportException dialing = assertThrows(PeerRefusedException.class, () -> await(alice.transport.connect(carol.id(), carol.address())));
            assertEquals("Could not connect: " + retired + ".", dialing.getMessage());
            assertTrue(alice.transport.dialProblem(carol.id()).orElseThrow().refused());
            TransportException dialed = assertThrows(TransportException.class, () -> await(carol.transport.connect(alice.id(), alice.address())));
            assertEquals("Could not connect: " + alice.id().shortForm() + " hung up: " + retired + ".", dialed.getMessage());
            assertEquals(Optional.of(new DialProblem(dialed.getMessage(), false, carol.transport.dialProblem(alice.id()).orElseThrow().at())),
                    carol.transport.dialProblem(alice.id()), "a peer that speaks for nobody does not refuse carol's machine");
            assertTrue(carol.transport.connectedPeers().isEmpty() && alice.transport.connectedPeers().isEmpty());
        }
    }

    /** A machine that took alice's place from a backup of her identity. */
    private TestPeer aliceTakenOver() throws Exception {
        Path kept = home.resolve("backup/identity");
        alice.identity.writeIdentity(kept);
        LocalIdentity.inFolder(home.resolve("new-laptop")).takeOverAtNextStart(kept, Optional.empty());
        return new TestPeer(home.resolve("new-laptop"));
    }

    @Test
    void aSecondMachineRunningAsAPeerIsRefusedWhileTheFirstAnswersAndBothAreToldWhereTheOtherIs() throws Exception {
        await(alice.transport.connect(bob.id(), bob.address()));
        FolderCopies.copy(home.resolve("alice"), home.resolve("alice-cloned"));
        try (TestPeer clone = new TestPeer(home.resolve("alice-cloned"))) {
            assertEquals(alice.id(), clone.id());
            TransportException refused = assertThrows(PeerRefusedException.class, () -> await(clone.transport.connect(bob.id(), bob.address())));
            assertEquals("Could not connect: " + bob.id().shortForm() + " refuses this machine: another machine runs as this node"
                    + " right now, connected to it from " + alice.address() + ".", refused.getMessage());
            assertTrue(clone.transport.dialProblem(bob.id()).orElseThrow().refused());
            assertTrue(clone.transport.refusedByAPeer() && !alice.transport.refusedByAPeer(), "the copy announces and invites no more");
            assertTrue(clone.events.contains("twin seen by " + bob.id().shortForm() + ", which refused this machine and kept the one at "
                    + alice.address()), clone.events.toString());
            waitUntil("alice hears where the clone listens", () -> alice.events.contains("twin seen by " + bob.id().shortForm()
                    + ", which kept this machine and refused the one at " + clone.address()));

            assertEquals(List.of(alice.address()), bob.transport.connectedPeers().stream().map(ConnectedPeer::address).toList());
            assertArrayEquals("still alice".getBytes(StandardCharsets.UTF_8),
                    echo(await(alice.transport.openStream(bob.id(), ECHO)), "still alice".getBytes(StandardCharsets.UTF_8)));
            assertEquals(1, bob.events.stream().filter(event -> event.startsWith("connected")).count(), "no swap, no flapping");
            assertTrue(bob.events.contains("twin refused: " + alice.id().shortForm() + " kept at " + alice.address() + ", refused at "
                    + clone.address()), "for bob's audit log: " + bob.events);
        }
    }

    @Test
    void aPeerStartedAgainTakesThePlaceOfItsConnectionFromBeforeThatWentSilent() throws Exception {
        FolderCopies.copy(home.resolve("alice"), home.resolve("alice-before"));
        try (SSLSocket before = attacker(bob, home.resolve("alice-before"))) {
            before.startHandshake();
            // alice's start before this one, on a machine that lost power: connected, then never answers a ping
            writeFrame(new DataOutputStream(before.getOutputStream()), FrameType.HELLO, new Hello(Hello.VERSION, Hello.CAPABILITIES, 0,
                    "alice before").encode());
            waitUntil("the start before connects", () -> bob.transport.connection(alice.id()).isPresent());

            await(alice.transport.connect(bob.id(), bob.address()));
            waitUntil("bob takes alice's new connection for the silent one", // bob may register it a moment after alice
                    () -> bob.transport.connection(alice.id()).map(ConnectedPeer::address).filter(alice.address()::equals).isPresent());
            assertArrayEquals("alice again".getBytes(StandardCharsets.UTF_8),
                    echo(await(alice.transport.openStream(bob.id(), ECHO)), "alice again".getBytes(StandardCharsets.UTF_8)));
            assertTrue(alice.events.stream().noneMatch(event -> event.startsWith("twin")), alice.events.toString());
        }
    }

    @Test
    void aPeerRenamedWhileConnectedIsKnownByItsNewNameAtOnce() throws Exception {
        await(alice.transport.connect(bob.id(), bob.address()));
        alice.identity.rename("Alice's laptop");
        alice.transport.announceName();
        waitUntil("bob hears the new name", () -> bob.events.contains("renamed " + alice.id().shortForm() + " Alice's laptop"));
        assertEquals("Alice's laptop", bob.transport.connection(alice.id()).orElseThrow().displayName());
        assertArrayEquals("still here".getBytes(StandardCharsets.UTF_8),
                echo(await(alice.transport.openStream(bob.id(), ECHO)), "still here".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNameOverTheLimitClosesTheConnectionAndControlCharactersBecomeSpaces() throws Exception {
        try (SSLSocket socket = attacker()) {
            socket.startHandshake();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            writeFrame(out, FrameType.HELLO, new Hello(Hello.VERSION, Hello.NAMES, 0, "mallory").encode());
            writeFrame(out, FrameType.NAME, "mal\nlory\u0007".getBytes(StandardCharsets.UTF_8));
            waitUntil("the new name arrives", () -> bob.events.stream().anyMatch(e -> e.startsWith("renamed") && e.endsWith(" mal lory")));
            writeFrame(out, FrameType.NAME, new byte[Hello.MAX_NAME_BYTES + 1]);
            waitUntil("the peer is dropped", () -> bob.events.stream().anyMatch(e -> e.contains("over the limit of " + Hello.MAX_NAME_BYTES)));
        }
    }

    @Test
    void aPeerThatGoesSilentIsDisconnectedByTheIdleTimeout() throws Exception {
        TestPeer impatient = new TestPeer(home.resolve("impatient"), Duration.ofMillis(200), Duration.ofMillis(600));
        try (SSLSocket silent = attacker(impatient)) {
            silent.startHandshake();
            DataOutputStream out = new DataOutputStream(silent.getOutputStream());
            writeFrame(out, FrameType.HELLO, new Hello(Hello.VERSION, 0, 0, "silent").encode()); // then never answers a ping
            waitUntil("the silent peer connects", () -> impatient.events.stream().anyMatch(e -> e.startsWith("connected")));
            // the event comes after the connection is gone from the list: wait for it, not for the list
            waitUntil("the silent peer is dropped for not answering", () -> impatient.events.stream().anyMatch(e -> e.contains("stopped answering")));
            assertTrue(impatient.transport.connectedPeers().isEmpty(), impatient.events.toString());
        } finally {
            impatient.close();
        }
    }

    /** A TLS client with a valid identity of its own that sends whatever the test says. */
    private SSLSocket attacker() throws Exception {
        return attacker(bob);
    }

    private SSLSocket attacker(TestPeer target) throws Exception {
        return attacker(target, home.resolve("attacker"));
    }

    /** One with the identity kept in {@code folder}. */
    private SSLSocket attacker(TestPeer target, Path folder) throws Exception {
        LocalIdentity identity = LocalIdentity.inFolder(folder);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(new javax.net.ssl.KeyManager[] {identity.keyManager()},
                new TrustManager[] {PeerTrustManager.expecting(target.id(), java.time.Clock.systemUTC())}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", target.transport.port());
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        return socket;
    }

    private static void writeFrame(DataOutputStream out, FrameType type, byte[] payload) throws Exception {
        out.writeInt(FrameCodec.HEADER + payload.length);
        out.writeByte(type.code);
        out.writeInt(0);
        out.write(payload);
        out.flush();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] oversizedFrameHeader() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(64 * 1024 * 1024); // claims 64 MiB: refused before anything is buffered
        out.write(new byte[1024]);
        return bytes.toByteArray();
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anAddressThatSwallowsTheDialHoldsUpTheNextOnlyBriefly() throws Exception {
        // A listener whose queue is full drops further dials without a word, as a router does with its own public
        // address seen from behind it. The dialer here would wait a minute for it; the test waits 20 s at most.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                TestPeer patient = new TestPeer(home.resolve("patient"), Duration.ofMinutes(1))) {
            List<Socket> queued = fillQueue(full);
            try {
                org.peerdesk.transport.PeerAddress swallowing = new org.peerdesk.transport.PeerAddress("127.0.0.1", full.getLocalPort());
                ConnectedPeer connected = await(patient.transport.connect(bob.id(), List.of(swallowing, bob.address())));
                assertEquals(bob.address(), connected.address(), "the second address answered while the first was silent");
                assertEquals(bob.id(), await(patient.transport.openStream(bob.id(), ECHO)).peer());
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    /** Connections until the listener's queue is full and it drops the next dial (Linux drops, rather than refuses, it). */
    private static List<Socket> fillQueue(java.net.ServerSocket listener) throws IOException {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(listener.getLocalSocketAddress(), 300);
            } catch (java.net.SocketTimeoutException full) {
                // dropped already: the queue is full
            }
            queued.add(socket);
        }
        return queued;
    }

    @Test
    void connectingToNobodyFailsWithAClearMessage() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TransportException failed = assertThrows(TransportException.class,
                () -> await(alice.transport.connect(bob.id(), new org.peerdesk.transport.PeerAddress("127.0.0.1", closedPort))));
        assertTrue(failed.getMessage().startsWith("Cannot reach 127.0.0.1:" + closedPort + ": nothing listens there"),
                failed.getMessage());
        assertInstanceOf(TransportException.class, failed);
    }
}
