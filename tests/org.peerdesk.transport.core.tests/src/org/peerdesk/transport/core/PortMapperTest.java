package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.testing.FakeRouter;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping.State;
import org.peerdesk.transport.PortMapping.Status;

/**
 * A node listening on port 22070 and the router in front of it, played on loopback by a {@link FakeRouter} (a real SSDP
 * responder and a real HTTP server that speak UPnP as routers do): what the node asks for, what it makes of the answers,
 * and what it makes of a router whose answers make no sense.
 */
class PortMapperTest {

    private static final int PORT = 22070;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final FakeRouter router = new FakeRouter(LOOPBACK, "203.0.113.9");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private volatile List<InetSocketAddress> forwardable = List.of(new InetSocketAddress(LOOPBACK, PORT));
    private final List<State> heard = new CopyOnWriteArrayList<>();
    private final PortMapper mapper = new PortMapper(local -> UpnpGateway.find(router.ssdp(), local, Duration.ofSeconds(2)),
            () -> forwardable, scheduler, status -> heard.add(status.state()));

    PortMapperTest() throws IOException {
    }

    @AfterEach
    void stop() {
        mapper.stop();
        scheduler.shutdownNow();
        router.close();
    }

    @Test
    void theRouterForwardsTheListenPortForAnHourUntilTurnedOff() throws Exception {
        mapper.turnOn();
        Status forwarded = await(State.FORWARDED);
        assertEquals(Optional.of(new PeerAddress("203.0.113.9", PORT)), forwarded.address());
        assertTrue(forwarded.said().contains("forwards 203.0.113.9:22070 to this node"), forwarded.said());
        assertEquals(Map.of(PORT, new FakeRouter.Forward(PORT, "127.0.0.1", 3600, "Peerdesk")), router.forwards());

        mapper.turnOff();
        await(State.OFF);
        assertEquals(Map.of(), router.forwards(), "turned off, the forward is removed");
        assertEquals(List.of(State.FORWARDED, State.OFF), heard, "each change is told once (it started out looking)");
    }

    @Test
    void aPortForwardedToAnotherMachineMovesOnToTheNextAndARouterWithoutLeasesGetsAPermanentForward() throws Exception {
        router.forwards().put(PORT, new FakeRouter.Forward(PORT, "192.168.1.50", 0, "someone else's"));
        router.forwards().put(PORT + 1, new FakeRouter.Forward(PORT + 1, "192.168.1.51", 0, "someone else's"));
        router.permanentOnly(true);
        mapper.turnOn();
        assertEquals(Optional.of(new PeerAddress("203.0.113.9", PORT + 2)), await(State.FORWARDED).address());
        assertEquals(new FakeRouter.Forward(PORT, "127.0.0.1", 0, "Peerdesk"), router.forwards().get(PORT + 2));

        mapper.stop();
        assertEquals(Set.of(PORT, PORT + 1), router.forwards().keySet(), "the node stopping removes its own forward, no other");
    }

    @Test
    void withoutARouterOrAnAddressToForwardToItSaysSo() throws Exception {
        router.silent(true);
        mapper.turnOn();
        assertTrue(await(State.NO_ROUTER).said().startsWith("No router answered"));

        router.silent(false);
        router.locatedAt("127.0.0.2");
        mapper.turnOn();
        await(State.LOOKING);
        assertTrue(await(State.NO_ROUTER).said().startsWith("No router answered"), "an answer sending the node to another machine is no answer");

        forwardable = List.of();
        mapper.turnOn();
        assertTrue(await(State.NOT_NEEDED).said().contains("loopback or public"));
    }

    @Test
    void aRouterBehindAnotherNatForwardsButItsAddressIsNotGivenOut() throws Exception {
        router.external("100.64.7.1");
        mapper.turnOn();
        Status behind = await(State.BEHIND_ANOTHER_NAT);
        assertEquals(Optional.empty(), behind.address());
        assertTrue(behind.said().contains("its own address 100.64.7.1 is private"), behind.said());
    }

    @Test
    void aRouterThatMakesNoSenseOrRefusesIsToldAboutAndNothingBreaks() throws Exception {
        String entities = "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><root>&x;</root>";
        Map<String, String> answers = Map.of(
                entities, "not XML this node reads",
                "<root><device><serviceList><service><serviceType>" + FakeRouter.SERVICE
                        + "</serviceType><controlURL>http://198.51.100.7/ctl</controlURL></service></serviceList></device></root>",
                "is not on the router itself",
                "x".repeat(UpnpXml.MAX_BYTES + 1), "over 64 KiB");
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            router.description(answer.getKey());
            mapper.turnOn();
            Status failed = await(State.FAILED);
            assertTrue(failed.said().contains(answer.getValue()), failed.said());
            router.forwards().clear();
            mapper.turnOff();
            await(State.OFF);
        }
        router.description(null);
        router.refuse(606);
        mapper.turnOn();
        assertTrue(await(State.FAILED).said().contains("UPnP error 606, Action not authorized"));
        assertEquals(Map.of(), router.forwards());
    }

    @Test
    void theNodesSettingNamesWhereToSearchOrKeepsItFromAsking() throws Exception {
        assertEquals(Optional.of(UpnpGateway.SSDP), RouterPortMapping.searchTarget(null));
        assertEquals(Optional.empty(), RouterPortMapping.searchTarget("off"));
        assertEquals(Optional.of(new InetSocketAddress("10.0.0.1", 1900)), RouterPortMapping.searchTarget("10.0.0.1:1900"));
        assertThrows(InvalidInputException.class, () -> RouterPortMapping.searchTarget("the router"));
    }

    private Status await(State state) throws InterruptedException {
        return await(mapper, state);
    }

    /** The status of {@code mapper} once it is {@code state}, which it must reach within 20 s. */
    static Status await(PortMapper mapper, State state) throws InterruptedException {
        BooleanSupplier reached = () -> mapper.status().state() == state;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not " + state + " in time: " + mapper.status());
            }
            Thread.sleep(20);
        }
        return mapper.status();
    }
}
