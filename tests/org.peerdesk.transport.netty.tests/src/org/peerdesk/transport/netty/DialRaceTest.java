package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportException;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.ConnectTimeoutException;

/** The race between a peer's addresses, with dials the test answers itself. */
@Timeout(30)
class DialRaceTest {

    private static final PeerAddress OLD_LAN = new PeerAddress("192.168.1.20", 22070);
    private static final PeerAddress PUBLIC = new PeerAddress("203.0.113.9", 22070);
    private static final PeerAddress NEW_LAN = new PeerAddress("10.0.0.7", 22070);

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final EventLoop loop = loops.next();
    private final List<PeerAddress> dialed = new CopyOnWriteArrayList<>();
    private final Map<PeerAddress, ChannelPromise> dials = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private ChannelFuture dial(PeerAddress address) {
        ChannelPromise promise = new DefaultChannelPromise(new EmbeddedChannel(), loop);
        dials.put(address, promise); // before it counts as dialed: the test reads the promise once it sees the count
        dialed.add(address);
        return promise;
    }

    @Test
    void anAddressThatFailsAtOnceLetsTheNextBeDialedAtOnceAndTheFirstToConnectWins() throws Exception {
        CompletableFuture<DialRace.Socket> race = DialRace.run(List.of(OLD_LAN, PUBLIC, NEW_LAN), this::dial, loop);
        awaitDialed(1);
        dials.get(OLD_LAN).setFailure(new ConnectException("Connection refused"));
        awaitDialed(2);
        assertEquals(List.of(OLD_LAN, PUBLIC), dialed.subList(0, 2), "dialed in their order");
        dials.get(PUBLIC).setSuccess();
        DialRace.Socket winner = race.get(5, TimeUnit.SECONDS);
        assertEquals(PUBLIC, winner.address());
        assertSame(dials.get(PUBLIC).channel(), winner.channel());
        int dialedWhenWon = dialed.size();
        Thread.sleep(3 * DialRace.STAGGER.toMillis());
        assertEquals(dialedWhenWon, dialed.size(), "once one connected, the rest are not dialed");
    }

    @Test
    void aSilentAddressIsPassedAfterTheStaggerAndClosedWhenAnotherConnects() throws Exception {
        CompletableFuture<DialRace.Socket> race = DialRace.run(List.of(OLD_LAN, PUBLIC), this::dial, loop);
        awaitDialed(2); // the first said nothing, so the second is dialed a stagger later
        ChannelPromise silent = dials.get(OLD_LAN);
        dials.get(PUBLIC).setSuccess();
        assertEquals(PUBLIC, race.get(5, TimeUnit.SECONDS).address());
        waitUntil(() -> !silent.channel().isOpen()); // the dial still under way is given up: it never reaches a handshake
    }

    @Test
    void whenEveryAddressFailsTheMessageSaysWhyForEach() throws Exception {
        CompletableFuture<DialRace.Socket> race = DialRace.run(List.of(OLD_LAN, PUBLIC), this::dial, loop);
        awaitDialed(1);
        dials.get(OLD_LAN).setFailure(new ConnectTimeoutException("connection timed out"));
        awaitDialed(2);
        dials.get(PUBLIC).setFailure(new ConnectException("Connection refused"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> race.get(5, TimeUnit.SECONDS));
        TransportException reason = assertInstanceOf(TransportException.class, failed.getCause());
        assertEquals("Cannot reach any of 2 addresses: 192.168.1.20:22070 (no answer in time; the machine may be off, or a "
                + "firewall in the way), 203.0.113.9:22070 (nothing listens there; is Peerdesk running on that machine, at that "
                + "port?).", reason.getMessage());
    }

    @Test
    void oneAddressFailsAsADialAlwaysDid() throws Exception {
        CompletableFuture<DialRace.Socket> race = DialRace.run(List.of(NEW_LAN), this::dial, loop);
        awaitDialed(1);
        dials.get(NEW_LAN).setFailure(new ConnectException("Connection refused"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> race.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().startsWith("Cannot reach 10.0.0.7:22070: nothing listens there"),
                failed.getCause().getMessage());
    }

    @Test
    void anAddressGivenTwiceIsDialedOnceAndItsFailureEndsTheRace() throws Exception {
        CompletableFuture<DialRace.Socket> race = DialRace.run(List.of(NEW_LAN, NEW_LAN), this::dial, loop);
        awaitDialed(1);
        dials.get(NEW_LAN).setFailure(new ConnectException("Connection refused"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> race.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().startsWith("Cannot reach 10.0.0.7:22070: nothing listens there"),
                failed.getCause().getMessage());
        assertEquals(List.of(NEW_LAN), dialed);
    }

    private void awaitDialed(int count) throws InterruptedException {
        waitUntil(() -> dialed.size() >= count);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }
}
