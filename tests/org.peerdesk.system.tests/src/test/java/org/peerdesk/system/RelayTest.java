package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.FakeRouter;

/**
 * Peers on two networks that cannot reach each other (network namespaces of their own) connect through a peer on this
 * machine that both reach: by themselves once introduced, end to end encrypted, and again after the relay is killed
 * and comes back. Ben's router forwards his port when his node asks it (UPnP); his invites name where, and ana hears it.
 */
class RelayTest {

    @TempDir
    Path home;

    @Test
    void peersOnNetworksThatCannotReachEachOtherConnectThroughAPeerBothKnow() throws Exception {
        try (IsolatedNetworks networks = new IsolatedNetworks();
                FakeRouter bensRouter = new FakeRouter(InetAddress.getByName(networks.server()), "203.0.113.40");
                RunningNode ana = new RunningNode(home.resolve("ana"), List.of(), networks.server());
                RunningNode ben = new RunningNode(home.resolve("ben"), networks.on(1), networks.host(1),
                        networks.server() + ":" + bensRouter.ssdp().getPort());
                RunningNode cai = new RunningNode(home.resolve("cai"), networks.on(2), networks.host(2))) {
            ana.cli(0, "name", "Ana");
            ben.cli(0, "name", "Ben");
            cai.cli(0, "name", "Cai");
            String anaId = ana.id();
            String benId = ben.id();
            String caiId = cai.id();
            for (RunningNode member : List.of(ben, cai)) { // each adds the other by ID and address
                String memberId = member == ben ? benId : caiId;
                member.cli(0, "connect", anaId + "@" + networks.server() + ":" + ana.port());
                ana.cli(0, "connect", memberId + "@" + member.address());
            }

            Eventually.waitUntil(() -> ben.cli(0, "addresses").stdout().contains("forwards 203.0.113.40:" + ben.port() + " to this node"),
                    () -> "ben's router was not asked to forward his port: " + said(ben, "addresses"));
            assertEquals(Map.of(ben.port(), new FakeRouter.Forward(ben.port(), networks.host(1), 3600, "Peerdesk")), bensRouter.forwards());
            assertEquals(List.of("203.0.113.40:" + ben.port(), ben.address()), ben.json("invite").get("addresses"),
                    "ben's invites name where his router forwards first");
            assertTrue(ben.cli(0, "status").stdout().contains("Router     The router at " + networks.server() + " (UPnP) forwards"));
            String forwarded = "203.0.113.40:" + ben.port();
            Eventually.waitUntil(() -> publicAddresses(ana, benId).equals(List.of(forwarded)),
                    () -> "ben did not tell ana where his router forwards: " + peersOf(ana));
            assertTrue(peersOf(ana).contains(ben.address() + " (also " + forwarded + ")"), peersOf(ana));
            assertTrue(said(ben, "addresses").contains("Peers reach this node at: " + ben.address() + " (Ana)"), said(ben, "addresses"));
            ben.cli(0, "addresses", "upnp", "off");
            assertEquals(Map.of(), bensRouter.forwards(), "turned off, the forward is removed");
            assertEquals(List.of(ben.address()), ben.json("invite").get("addresses"));
            Eventually.waitUntil(() -> publicAddresses(ana, benId).isEmpty(), () -> "ana still dials ben where his router no longer forwards");

            String caisForward = "198.51.100.30:22070"; // a port forwarded by hand on cai's router, which this test has not
            cai.cli(0, "addresses", "add", caisForward);
            Eventually.waitUntil(() -> publicAddresses(ana, caiId).equals(List.of(caisForward)), () -> "cai did not tell ana his public address");
            ana.cli(0, "introduce", "Ben", "Cai");
            for (RunningNode member : List.of(ben, cai)) {
                Eventually.waitUntil(() -> member.cli(0, "introductions").stdout().contains("Ana"), () -> "the introduction did not reach " + member.data);
                if (member == ben) {
                    assertEquals(List.of(cai.address(), caisForward), introduced(ben).get("addresses"),
                            "where ana reaches cai, then where cai said he can be reached");
                }
                member.cli(0, "introductions", "accept", "1");
            }
            assertEquals(List.of(caisForward), publicAddresses(ben, caiId), "ben dials cai there too");
            Eventually.waitUntil(() -> via(ben, caiId).equals(Optional.of("Ana")) && via(cai, benId).equals(Optional.of("Ana")),
                    () -> "ben, who cannot dial cai's network, did not reach cai through ana: " + peersOf(ben));
            String listed = ben.cli(0, "peers").stdout();
            assertTrue(listed.lines().anyMatch(line -> line.startsWith("Cai ") && line.contains("online via Ana")
                    && line.contains(cai.address())), "where cai was introduced at, and through whom it is reached: " + listed);

            cai.cli(0, "send", "Ben", "through ana, sealed to you");
            Eventually.waitUntil(() -> ben.messageLines("messages", "Cai").contains("through ana, sealed to you"),
                    () -> "cai's message did not reach ben");
            Path shared = Files.createDirectories(home.resolve("cai-files"));
            byte[] plan = new byte[3 << 20];
            new Random(7).nextBytes(plan);
            Files.write(shared.resolve("plan.bin"), plan);
            cai.cli(0, "share", "add", "plans", shared.toString());
            cai.cli(0, "grant", "Ben", "plans", "read");
            Path fetched = home.resolve("fetched");
            Eventually.waitUntil(() -> ben.cli(0, "ls", "Cai", "plans").stdout().contains("plan.bin"), () -> "cai's share is not listed to ben");
            ben.cli(0, "get", "Cai", "plans/plan.bin", fetched.toString());
            assertEquals(-1L, Files.mismatch(shared.resolve("plan.bin"), fetched.resolve("plan.bin")), "the file came through ana whole");

            PeerdeskProcess unknownRelay = ben.cli(1, "connect", "Cai", "--via", "Dan");
            assertTrue(unknownRelay.stderr().contains("Dan"), unknownRelay.transcript());
            assertTrue(ana.cli(0, "relaying").stdout().startsWith("This node relays connections between its trusted peers"));
            assertTrue(ana.cli(0, "relaying", "off").stdout().startsWith("This node does not relay for its peers"));
            assertTrue(ana.cli(64, "relaying", "maybe").stderr().contains("relaying takes nothing, on, or off"));
            ana.cli(0, "relaying", "on");

            ana.kill();
            Eventually.waitUntil(() -> via(ben, caiId).isEmpty() && !online(ben, caiId), () -> "the relayed connection did not end with ana");
            ana.start();
            Eventually.waitUntil(() -> via(ben, caiId).equals(Optional.of("Ana")),
                    () -> "once ana is back, ben did not reach cai through her again: " + peersOf(ben), Duration.ofMinutes(3));
        }
    }

    @Test
    void peersBehindRoutersThatLetInOnlyAnswersConnectDirectlyByDialingEachOtherAtOnce() throws Exception {
        inHomes((homes, hub, ana, ben) -> {
            String anaId = ana.id();
            String benId = ben.id();
            String anasRouter = homes.router(1) + ":" + ana.port();
            String bensRouter = homes.router(2) + ":" + ben.port();
            assertFalse(canDial(homes.home(1), homes.router(2), ben.port()), "ben's router lets in nothing unasked, so ana cannot dial him");

            meetThroughTheHub(homes, hub, ana, ben);
            assertEquals(Optional.of(bensRouter), peer(ana, benId).map(peer -> peer.get("address")), "ana reaches ben at his router");
            assertEquals(Optional.of(anasRouter), peer(ben, anaId).map(peer -> peer.get("address")));
            hub.kill();
            ben.cli(0, "send", "Ana", "straight through both routers");
            Eventually.waitUntil(() -> ana.messageLines("messages", "Ben").contains("straight through both routers"),
                    () -> "with the hub gone, ben's message did not reach ana: " + peersOf(ana));
            assertTrue(online(ana, benId), "the direct connection outlived the hub");
        });
    }

    /**
     * Routers that give each IPv4 connection a port at random leave no port to dial at the same time, but IPv6 is not
     * translated: each node's own address is where the other dials, and the firewalls let those dials in as answers.
     */
    @Test
    void peersBehindFirewallsConnectStraightOverIpv6WhereTheirRoutersGiveIpv4ConnectionsRandomPorts() throws Exception {
        inHomes(HomeNetworks.Ports.RANDOM, "0.0.0.0", (homes, hub, ana, ben) -> {
            String anaAt = "[" + homes.host6(1) + "]:" + ana.port();
            String benAt = "[" + homes.host6(2) + "]:" + ben.port();
            assertFalse(canDial(homes.home(1), homes.host6(2), ben.port()), "ben's firewall lets in nothing unasked over IPv6 either");

            meetThroughTheHub(homes, hub, ana, ben);
            assertEquals(Optional.of(benAt), peer(ana, ben.id()).map(peer -> peer.get("address")), "ana reaches ben at his own IPv6 address");
            assertEquals(Optional.of(anaAt), peer(ben, ana.id()).map(peer -> peer.get("address")));
        });
    }

    @Test
    void aNodeWhoseRouterForwardsItsPortIsDialedBackThereAndItsInvitesReachPeersElsewhere() throws Exception {
        inHomes((homes, hub, ana, ben) -> {
            String anasRouter = homes.router(1) + ":" + ana.port();
            homes.forward(1, ana.port()); // by hand, and not given to her node as a public address
            ana.cli(0, "connect", hub.id() + "@" + homes.internetHost() + ":" + hub.port());
            hub.cli(0, "connect", ana.id() + "@" + anasRouter);
            Eventually.waitUntil(() -> said(ana, "addresses").contains("Peers reach this node at: " + anasRouter
                    + " (Hub; a dial back there got through: peers elsewhere can dial it there too, and invites name it)"),
                    () -> "the hub did not dial ana back where her router forwards: " + said(ana, "addresses"));
            assertEquals(anasRouter, ((List<?>) ana.json("invite").get("addresses")).get(0), "her invites name it first");
            assertTrue(said(ana, "status").contains("Reached at " + anasRouter + " (Hub; a dial back there got through"), said(ana, "status"));

            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            String anaId = ana.id();
            assertTrue(online(ben, anaId) && via(ben, anaId).isEmpty(), "ben, elsewhere, reached ana through her router: " + peersOf(ben));
        });
    }

    /** What a test does with a hub on the internet, Ana in the first home and Ben in the second, each node named. */
    private interface InHomes {
        void run(HomeNetworks homes, RunningNode hub, RunningNode ana, RunningNode ben) throws Exception;
    }

    /** Runs {@code test} where routers keep ports, and Ana and Ben listen on their IPv4 addresses only. */
    private void inHomes(InHomes test) throws Exception {
        try (HomeNetworks homes = new HomeNetworks()) {
            inHomes(homes, homes.host(1), homes.host(2), test);
        }
    }

    /** Runs {@code test} where routers choose ports as {@code ports} says, and Ana and Ben listen on {@code host}. */
    private void inHomes(HomeNetworks.Ports ports, String host, InHomes test) throws Exception {
        try (HomeNetworks homes = new HomeNetworks(ports)) {
            inHomes(homes, host, host, test);
        }
    }

    private void inHomes(HomeNetworks homes, String anaListensOn, String benListensOn, InHomes test) throws Exception {
        try (RunningNode hub = new RunningNode(home.resolve("hub"), homes.internet(), homes.internetHost());
                RunningNode ana = new RunningNode(home.resolve("ana"), homes.home(1), anaListensOn);
                RunningNode ben = new RunningNode(home.resolve("ben"), homes.home(2), benListensOn)) {
            hub.cli(0, "name", "Hub");
            ana.cli(0, "name", "Ana");
            ben.cli(0, "name", "Ben");
            test.run(homes, hub, ana, ben);
        }
    }

    /**
     * Ana and Ben, each in a home, connect to the hub, which introduces them; they end up connected directly (through the
     * hub first, then by dialing each other at once).
     */
    private static void meetThroughTheHub(HomeNetworks homes, RunningNode hub, RunningNode ana, RunningNode ben) throws Exception {
        String hubId = hub.id();
        String anaId = ana.id();
        String benId = ben.id();
        String anasRouter = homes.router(1) + ":" + ana.port();
        ana.cli(0, "connect", hubId + "@" + homes.internetHost() + ":" + hub.port());
        ben.cli(0, "connect", hubId + "@" + homes.internetHost() + ":" + hub.port());
        hub.cli(0, "connect", anaId + "@" + anasRouter); // each is connected already; now the hub knows them too
        hub.cli(0, "connect", benId + "@" + homes.router(2) + ":" + ben.port());
        Eventually.waitUntil(() -> said(ana, "addresses").contains("Peers reach this node at: " + anasRouter + " (Hub"),
                () -> "the hub did not tell ana where it reaches her: " + said(ana, "addresses"));
        hub.cli(0, "introduce", "Ana", "Ben");
        for (RunningNode member : List.of(ana, ben)) {
            Eventually.waitUntil(() -> member.cli(0, "introductions").stdout().contains("Hub"),
                    () -> "the introduction did not reach " + member.data);
            member.cli(0, "introductions", "accept", "1");
        }
        Eventually.waitUntil(() -> online(ana, benId) && via(ana, benId).isEmpty() && online(ben, anaId) && via(ben, anaId).isEmpty(),
                () -> "ana and ben did not connect directly: " + peersOf(ana) + peersOf(ben));
    }

    /** Whether a TCP connection from where {@code from} runs to {@code host}, {@code port} gets through within 3 s. */
    private static boolean canDial(List<String> from, String host, int port) throws Exception {
        return NetworkCommands.run(Stream.concat(from.stream(), Stream.of("timeout", "3", "bash", "-c",
                "exec 3<>/dev/tcp/" + host + "/" + port)).toArray(String[]::new)) == 0;
    }

    /** The node's peers as it lists them, for a failure's message. */
    private static String peersOf(RunningNode node) {
        return said(node, "peers");
    }

    /** What the node's {@code command} prints, for a failure's message. */
    private static String said(RunningNode node, String... command) {
        try {
            return node.cli(0, command).stdout();
        } catch (Exception e) {
            return "(" + String.join(" ", command) + " failed: " + e.getMessage() + ")";
        }
    }

    private static Optional<Object> via(RunningNode node, String peerId) throws Exception {
        return peer(node, peerId).map(peer -> peer.get("via"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> introduced(RunningNode node) throws Exception {
        return ((List<Map<String, Object>>) node.json("introductions").get("introductions")).get(0);
    }

    private static List<?> publicAddresses(RunningNode node, String peerId) throws Exception {
        return peer(node, peerId).map(peer -> (List<?>) peer.get("publicAddresses")).orElseThrow();
    }

    private static boolean online(RunningNode node, String peerId) throws Exception {
        return peer(node, peerId).map(peer -> Boolean.TRUE.equals(peer.get("online"))).orElse(false);
    }

    private static Optional<Map<String, Object>> peer(RunningNode node, String peerId) throws Exception {
        return node.peers().stream().filter(peer -> peerId.equals(peer.get("peerId"))).findFirst();
    }
}
