package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerdesk.testing.FakeNatPmpRouter;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping.State;
import org.peerdesk.transport.PortMapping.Status;

/**
 * A node listening on port 22070 behind a router that forwards ports by NAT-PMP, played on loopback by a
 * {@link FakeNatPmpRouter} (a real UDP responder): the port and lifetime the router grants, removal, a refusal, a router
 * that says nothing, and where the router is found.
 */
@Timeout(60)
class NatPmpTest {

    private static final int PORT = 22070;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final FakeNatPmpRouter router = new FakeNatPmpRouter(LOOPBACK, "198.51.100.20");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final PortMapper mapper = new PortMapper(local -> NatPmpGateway.find(router.address(), local),
            () -> List.of(new InetSocketAddress(LOOPBACK, PORT)), scheduler, status -> { });

    NatPmpTest() throws IOException {
    }

    @AfterEach
    void stop() {
        mapper.stop();
        scheduler.shutdownNow();
        router.close();
    }

    @Test
    void theRouterForwardsTheNextPortWhenOursIsTakenForTheLifetimeItGrantsUntilTurnedOff() throws Exception {
        router.forwards().put(PORT, new FakeNatPmpRouter.Forward(PORT, "192.168.1.50", 600));
        mapper.turnOn();
        Status forwarded = PortMapperTest.await(mapper, State.FORWARDED);
        assertEquals(Optional.of(new PeerAddress("198.51.100.20", PORT + 1)), forwarded.address());
        assertTrue(forwarded.said().contains("The router at 127.0.0.1 (NAT-PMP) forwards 198.51.100.20:22071 to this node"), forwarded.said());
        assertEquals(new FakeNatPmpRouter.Forward(PORT, "127.0.0.1", FakeNatPmpRouter.MAX_LIFETIME), router.forwards().get(PORT + 1),
                "asked for an hour, granted half");

        mapper.turnOff();
        PortMapperTest.await(mapper, State.OFF);
        assertEquals(Set.of(PORT), router.forwards().keySet(), "turned off, its own forward is removed, no other");
    }

    @Test
    void aRefusalIsSaidAndARouterThatSaysNothingIsNone() throws Exception {
        router.refuse(FakeNatPmpRouter.NOT_AUTHORIZED);
        mapper.turnOn();
        Status refused = PortMapperTest.await(mapper, State.FAILED);
        assertTrue(refused.said().contains("the router refused (NAT-PMP: forwarding is turned off on it, or this machine may not ask)"), refused.said());

        router.refuse(0);
        router.silent(true);
        mapper.turnOn();
        assertTrue(PortMapperTest.await(mapper, State.NO_ROUTER).said().startsWith("No router answered"));
    }

    @Test
    void theRouterIsTheDefaultGatewayOfTheInterfaceInTheRoutingTable() throws Exception {
        String routes = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                wlan0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0
                wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
                eth1\t00000000\t01000A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0
                """;
        assertEquals(Optional.of(InetAddress.getByName("192.168.1.1")), DefaultGateway.in(routes, "wlan0"));
        assertEquals(Optional.of(InetAddress.getByName("10.10.0.1")), DefaultGateway.in(routes, "eth1"));
        assertEquals(Optional.empty(), DefaultGateway.in(routes, "lo"), "no default route there");
        assertEquals(Optional.empty(), DefaultGateway.in("not\na routing table at all", "wlan0"));
    }
}
