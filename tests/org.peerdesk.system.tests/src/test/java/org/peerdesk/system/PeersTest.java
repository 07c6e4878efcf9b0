package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.FolderCopies;

/** Three real node processes meet by invite and by address, and find each other again after a crash. */
@Timeout(300)
class PeersTest {

    @TempDir
    Path home;

    @Test
    void nodesMeetByInviteAndByAddressAndReconnectAfterAKill() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana"));
                RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode cai = new RunningNode(home.resolve("cai"))) {
            String anaId = ana.id();
            String benId = ben.id();
            String caiId = cai.id();

            assertTrue(ana.cli(0, "addresses").stdout().startsWith("No public addresses"), "none until the user gives one");
            PeerdeskProcess notAnAddress = ana.cli(1, "addresses", "add", "home.example.net");
            assertTrue(notAnAddress.stderr().contains("is not an address"), notAnAddress.transcript());
            String added = ana.cli(0, "addresses", "add", "127.0.0.9:1").stdout(); // a port forward that does not answer
            assertTrue(added.startsWith("Public addresses (invites name these first): 127.0.0.9:1\nListening on: "), added);
            assertTrue(ana.cli(1, "addresses", "add", "127.0.0.9:1").stderr().contains("is a public address already"));
            assertTrue(ana.cli(0, "status").stdout().contains("\nPublic     127.0.0.9:1 (invites name these first)\n"));
            Map<String, Object> invited = ana.json("invite");
            List<?> named = (List<?>) invited.get("addresses");
            assertTrue(named.get(0).equals("127.0.0.9:1") && named.contains(ana.address()), "the public address first: " + named);
            String invite = (String) invited.get("code");
            assertTrue(invite.startsWith("PD1-"), invite);
            String connected = ben.cli(0, "connect", invite).stdout();
            assertTrue(connected.contains(anaId), "the invitee tries the next address when one does not answer: " + connected);
            assertTrue(ana.cli(0, "addresses", "remove", "127.0.0.9:1").stdout().startsWith("No public addresses"));
            assertTrue(ana.cli(1, "addresses", "remove", "127.0.0.9:1").stderr().contains("is not one of the public addresses"));
            assertOnlinePeers(ana, benId);
            assertOnlinePeers(ben, anaId);
            String speed = ana.cli(0, "speedtest", benId.substring(0, 7), "8").stdout(); // a peer as the other commands take it
            assertTrue(speed.startsWith("8 MiB in ") && speed.contains("Round trips meanwhile"), speed);
            PeerdeskProcess stranger = cai.cli(1, "speedtest", benId);
            assertTrue(stranger.stderr().contains("is not connected"), stranger.transcript());

            PeerdeskProcess reused = cai.cli(1, "connect", invite);
            assertTrue(reused.stderr().contains("already used"), reused.transcript());
            String altered = invite.substring(0, invite.length() - 1) + (invite.endsWith("A") ? "B" : "A");
            PeerdeskProcess damaged = cai.cli(1, "connect", altered);
            assertTrue(damaged.stderr().contains("damaged or mistyped"), damaged.transcript());
            PeerdeskProcess wrongId = cai.cli(1, "connect", benId + "@" + ana.address());
            assertTrue(wrongId.stderr().contains("Expected peer " + benId.substring(0, 7)), wrongId.transcript());

            cai.cli(0, "connect", anaId + "@" + ana.address());
            assertOnlinePeers(cai, anaId);
            assertTrue(ana.peers().stream().noneMatch(p -> p.get("peerId").equals(caiId)),
                    "a peer added by address is not known to the other side until it adds it too");

            ana.cli(0, "name", "Ana at the office");
            waitUntil(() -> ben.peers().get(0).get("name").equals("Ana at the office"), "ben learns ana's new name while connected");
            String byName = ben.cli(0, "speedtest", "ana at", "1").stdout(); // the start of a name, in any case
            assertTrue(byName.startsWith("1 MiB in "), byName);
            Instant beforeTheEnd = Instant.now();
            ben.kill();
            waitUntil(() -> ana.peers().stream().allMatch(p -> !Boolean.TRUE.equals(p.get("online"))), "ana sees ben gone");
            waitUntil(() -> ana.peers().stream().filter(p -> p.get("peerId").equals(benId)).map(p -> Instant.parse((String) p.get("lastSeen")))
                    .allMatch(seen -> !seen.isBefore(beforeTheEnd)), "ben was last seen as his connection ended, not when it began");
            String benGone = ana.cli(0, "peers").stdout().lines().filter(line -> line.contains(benId)).findFirst().orElseThrow();
            assertTrue(benGone.contains(" seen just now "), "when ben was last seen: " + benGone);
            ana.cli(0, "name", "Ana at home, in the study upstairs");
            ben.start();
            waitUntil(() -> isOnline(ana, benId) && isOnline(ben, anaId), "ana and ben reconnect on their own");
            waitUntil(() -> ben.peers().get(0).get("name").equals("Ana at home, in the study upstairs"),
                    "ben learns the name ana took meanwhile on reconnecting");
            List<String> table = ben.cli(0, "peers").stdout().lines().toList();
            assertEquals(table.get(0).indexOf("STATE"), table.get(1).indexOf("online"), "a long name shifts the columns: " + table);
        }
    }

    @Test
    void aDataDirectoryCopiedAndRunBesideItsOriginalIsRefusedAndBothMachinesAreToldWhyUntilOneStops() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            String anaId = ana.id();
            ana.cli(0, "name", "Ana's laptop");
            ben.cli(0, "name", "Ben");
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            assertOnlinePeers(ben, anaId);
            ana.stop();
            Path copied = home.resolve("ana-copied"); // with the rest of her home folder, onto the new desktop
            FolderCopies.copy(home.resolve("ana"), copied);
            ana.start();
            waitUntil(() -> isOnline(ben, anaId), "the laptop is back with ben");

            try (RunningNode desktop = new RunningNode(copied)) {
                assertEquals(anaId, desktop.id());
                PeerdeskProcess refused = desktop.cli(1, "connect", ben.id() + "@" + ben.address());
                assertTrue(refused.stderr().contains("refuses this machine: another machine runs as this node right now, connected"
                        + " to it from " + ana.address()), refused.transcript());
                String seen = "another machine runs as Ana's laptop right now, at ";
                AtomicReference<String> status = new AtomicReference<>();
                Eventually.waitUntil(() -> {
                    status.set(desktop.cli(0, "status").stdout());
                    return status.get().contains(seen + ana.address() + ": Ben keeps that one and refused this one");
                }, () -> "the copy's user does not learn why it is refused: " + status.get());
                assertTrue(status.get().contains("start this machine over as a node of its own (peerdesk start-over)"),
                        "and what to do: " + status.get());
                String peers = desktop.cli(0, "peers").stdout();
                assertTrue(peers.lines().anyMatch(line -> line.startsWith("Ben ") && line.contains("refuses this machine"))
                        && peers.contains("Ben, last tried just now: Could not connect: "), "its Peers list says so too: " + peers);
                PeerdeskProcess noInvite = desktop.cli(1, "invite");
                assertTrue(noInvite.stderr().contains("No invite from this machine: peers refuse it as Ana's laptop, as another machine"
                        + " runs as Ana's laptop right now; start this machine over"), "whoever took one would reach the copy: "
                        + noInvite.transcript());
                waitUntil(() -> ana.cli(0, "status").stdout().contains(seen + desktop.address()), "the laptop's user learns of the copy");
                assertTrue(ana.cli(0, "status").stdout().contains(": Ben keeps this one and refused that one"), "and which one Ben keeps");
                assertEquals(ana.address(), addressOf(ben, anaId), "ben keeps the laptop, connected first, and does not swap");
                assertTrue(ben.cli(0, "audit").stdout().contains("its identity ran on two machines at the same time: kept the one at "
                        + ana.address() + ", connected first, and refused the one at " + desktop.address()), "Ben's audit log notes it");
                assertTrue(desktop.cli(0, "audit").stdout().contains("met this node's identity on another machine too, running at the"
                        + " same time at " + ana.address() + ", and refused this one"), "and so does the copy's");


                desktop.cli(0, "start-over");
                assertEquals("This node stays as it is when it starts again.", desktop.cli(0, "start-over", "cancel").stdout().strip());
                assertFalse(desktop.cli(0, "status").stdout().contains("becomes a new node"), "taken back");
                desktop.cli(64, "start-over", "now");
                String startingOver = desktop.cli(0, "start-over").stdout();
                Matcher keeper = Pattern.compile("moves, whole, into (\\S+): ").matcher(startingOver);
                assertTrue(keeper.find(), startingOver);
                Path before = Path.of(keeper.group(1));
                assertEquals(copied, before.getParent(), "the old node is kept in the data directory: " + startingOver);
                assertTrue(desktop.cli(0, "status").stdout().contains("this machine becomes a new node when Peerdesk starts again"),
                        "until it starts again, it says so");
                desktop.stop();
                desktop.start();
                String newId = desktop.id();
                assertNotEquals(anaId, newId, "the machine is a node of its own now");
                assertEquals(List.of(), desktop.peers(), "that knows no peer yet");
                desktop.cli(0, "connect", ben.cli(0, "invite").stdout().strip());
                waitUntil(() -> isOnline(ben, newId) && isOnline(ben, anaId), "ben knows the new node beside ana");
                assertEquals(ana.address(), addressOf(ben, anaId), "ben still has the laptop as ana");
                assertFalse(desktop.cli(0, "status").stdout().contains("another machine runs as"), "and nothing is refused");
            }
            try (RunningNode oldCopy = new RunningNode(onlyBefore(copied))) {
                assertEquals(anaId, oldCopy.id(), "the node set aside runs again from its folder");
                ana.stop();
                oldCopy.cli(0, "connect", ben.id() + "@" + ben.address());
                waitUntil(() -> isOnline(ben, anaId) && oldCopy.address().equals(addressOf(ben, anaId)),
                        "once the laptop is off, that copy is ana for ben");

                try (RunningNode machine = new RunningNode(copied)) {
                    Path before = onlyBefore(copied);
                    String name = before.getFileName().toString();
                    String listed = machine.cli(0, "start-over", "list").stdout();
                    assertTrue(listed.contains("\n  " + name + "  set aside ") && listed.contains(before.toString()), listed);
                    PeerdeskProcess running = machine.cli(1, "start-over", "delete", name);
                    assertTrue(running.stderr().contains("A node runs from " + before + "; stop it first."), running.transcript());
                    oldCopy.stop();
                    String deleted = machine.cli(0, "start-over", "delete", name).stdout();
                    assertTrue(deleted.startsWith("Deleted, for good, the node set aside in " + name + " on "), deleted);
                    assertFalse(Files.exists(before));
                    assertEquals("No node was set aside here by starting over.", machine.cli(0, "start-over", "list").stdout().strip());
                    assertNotEquals(anaId, machine.id(), "the machine runs its own node still");
                }
            }
        }
    }

    private static Path onlyBefore(Path data) throws IOException {
        try (Stream<Path> entries = Files.list(data)) {
            List<Path> before = entries.filter(entry -> entry.getFileName().toString().startsWith("before-start-over-")).toList();
            assertEquals(1, before.size(), "one node set aside: " + before);
            return before.get(0);
        }
    }

    @Test
    void anUploadLimitSetOnTheCommandLineHoldsATransferBackAndOutlivesARestart() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            assertOnlinePeers(ana, ben.id());
            assertEquals("Upload limit: none. Download limit: none.", ana.cli(0, "limits").stdout().strip());
            PeerdeskProcess unreadable = ana.cli(64, "limits", "--up", "fast");
            assertTrue(unreadable.stderr().contains("'fast' is not a rate like 500K, 2M or none"), unreadable.transcript());
            PeerdeskProcess tooLow = ana.cli(1, "limits", "--up", "1K");
            assertTrue(tooLow.stderr().contains("is below the lowest, 16.0 KiB/s"), tooLow.transcript());

            String set = ana.cli(0, "limits", "--up", "1M").stdout();
            assertTrue(set.startsWith("Upload limit: 1.0 MiB/s. Download limit: none."), set);
            String transfers = ana.cli(0, "transfers").stdout();
            assertTrue(transfers.endsWith("Transfers are limited to 1.0 MiB/s up, none down (see 'peerdesk limits').\n"), transfers);
            String speed = ana.cli(0, "speedtest", "ben", "4").stdout();
            double seconds = Double.parseDouble(speed.replaceAll("(?s)^4 MiB in ([0-9.]+) s.*", "$1"));
            assertTrue(seconds > 3, "4 MiB at 1 MiB/s took " + speed);

            ana.kill();
            ana.start();
            assertTrue(ana.cli(0, "limits").stdout().startsWith("Upload limit: 1.0 MiB/s."), "the limit is kept");
            String daytime = ana.cli(0, "limits", "--hours", "08:00-18:00").stdout();
            assertTrue(daytime.startsWith("Upload limit: 1.0 MiB/s. Download limit: none. They hold from 08:00 to 18:00 each day"), daytime);
            PeerdeskProcess badHours = ana.cli(1, "limits", "--hours", "25:00-18:00");
            assertTrue(badHours.stderr().contains("'25:00-18:00' are not hours like 08:00-18:00"), badHours.transcript());
            assertTrue(ana.cli(0, "limits", "--up", "none", "--hours", "always").stdout().startsWith("Upload limit: none. Download limit: none.\n"));
        }
    }

    @Test
    void knownPeersThatBothMovedFindEachOtherOnTheLocalNetwork() throws Exception {
        String group = "239.192.73.42:" + (30000 + new java.util.Random().nextInt(20000));
        try (RunningNode ana = new RunningNode(home.resolve("ana"), group);
                RunningNode ben = new RunningNode(home.resolve("ben"), group)) {
            String anaId = ana.id();
            String benId = ben.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            assertOnlinePeers(ana, benId);

            // both come back elsewhere: the addresses they remember of each other are now wrong
            ana.moveToAnotherPort();
            ben.moveToAnotherPort();
            waitUntil(() -> isOnline(ana, benId) && isOnline(ben, anaId), "the announcements bring them together");
            String address = (String) ana.peers().get(0).get("address");
            assertTrue(address.equals(ben.address()) || ben.peers().get(0).get("address").equals(ana.address()),
                    "connected at a new address: " + address);
        }
    }

    @Test
    void knownPeersThatBothMovedFindEachOtherThroughAPeerThatStayed() throws Exception {
        try (RunningNode office = new RunningNode(home.resolve("office"));
                RunningNode ana = new RunningNode(home.resolve("ana"));
                RunningNode ben = new RunningNode(home.resolve("ben"))) {
            String anaId = ana.id();
            String benId = ben.id();
            ana.cli(0, "connect", office.cli(0, "invite").stdout().strip());
            ben.cli(0, "connect", office.cli(0, "invite").stdout().strip());
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            String officeId = office.id();
            waitUntil(() -> isOnline(ana, officeId) && isOnline(ana, benId), "ana reaches the office and ben");

            // both laptops go away and come back on other networks at once, with nothing on the LAN to hear:
            // the addresses they keep of each other are wrong, and only the office, which did not move, saw the new ones
            ana.stop();
            ben.stop();
            ana.startOnAnotherPort();
            ben.startOnAnotherPort();
            waitUntil(() -> isOnline(ana, benId) && isOnline(ben, anaId), "the office tells them where the other is");
            String address = (String) ben.peers().stream().filter(peer -> peer.get("peerId").equals(anaId)).findFirst().orElseThrow()
                    .get("address");
            assertTrue(address.equals(ana.address()) || ana.peers().stream().anyMatch(peer -> peer.get("peerId").equals(benId)
                    && peer.get("address").equals(ben.address())), "connected at a new address: " + address);
        }
    }

    @Test
    void peersIntroducedByAPeerBothKnowAddEachOtherOnceBothAcceptEvenIfOneWasAwayWhenIntroduced() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana"));
                RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode cai = new RunningNode(home.resolve("cai"))) {
            String anaId = ana.id();
            String benId = ben.id();
            String caiId = cai.id();
            ana.cli(0, "name", "Ana");
            ben.cli(0, "name", "Ben");
            cai.cli(0, "name", "Cai");
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            cai.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            waitUntil(() -> isOnline(ana, benId) && isOnline(ana, caiId), "ana reaches ben and cai");
            cai.stop();

            assertTrue(ana.cli(64, "introduce", "Ben").stderr().contains("two or more known peers"));
            assertTrue(ana.cli(1, "introduce", "Ben", anaId).stderr().contains("introduce peers it knows to each other"));
            String introduced = ana.cli(0, "introduce", "ben", "cai").stdout();
            assertTrue(introduced.startsWith("Introduced Ben and Cai to each other."), introduced);
            waitUntil(() -> ben.cli(0, "introductions").stdout().contains("Cai"), "ben hears of cai");
            String listed = ben.cli(0, "introductions").stdout();
            assertTrue(listed.lines().anyMatch(line -> line.startsWith("1 ") && line.contains("Ana") && line.contains("Cai")
                    && line.contains(caiId) && line.contains(cai.address())), listed);
            String status = ben.cli(0, "status").stdout();
            assertTrue(status.contains("Ana introduced Cai to you: add them, or decline (peerdesk introductions)"), status);
            ben.cli(0, "block", "Ana");
            assertTrue(ben.cli(0, "introductions").stdout().startsWith("No introductions wait"), "a blocked introducer's word no longer counts");
            assertTrue(ben.cli(1, "introductions", "accept", "1").stderr().contains("No introduction 1 waits"));
            ben.cli(0, "unblock", "Ana");
            assertTrue(ben.cli(1, "introductions", "accept", "9").stderr().contains("No introduction 9 waits"));
            String added = ben.cli(0, "introductions", "accept", "1").stdout();
            assertTrue(added.startsWith("Added Cai (" + caiId + "), introduced by Ana. You connect once Cai has accepted"), added);
            assertTrue(ben.cli(0, "introductions").stdout().startsWith("No introductions wait"));
            assertFalse(isOnline(ben, caiId), "cai is away");

            cai.start();
            waitUntil(() -> isOnline(ben, caiId), "ben, who accepted, keeps dialing cai, and reaches him once he is back");
            waitUntil(() -> cai.cli(0, "introductions").stdout().contains("Ben"), "cai hears of ben from ana once back");
            assertTrue(cai.cli(0, "introductions", "accept", "1").stdout().startsWith("Added Ben ("), "cai accepts");
            waitUntil(() -> isOnline(ben, caiId) && isOnline(cai, benId), "ben and cai connect to each other");
            cai.cli(0, "send", "Ben", "Hello Ben, Ana said you know the way");
            waitUntil(() -> ben.messageLines("messages", "Cai").contains("Hello Ben, Ana said you know the way"),
                    "cai's message reaches ben directly, as invited peers' messages do");
            assertEquals(List.of(anaId, caiId), ben.peers().stream().map(peer -> peer.get("peerId")).toList());
        }
    }

    @Test
    void aStrangerHeardOnTheLocalNetworkIsListedByTheNameItGivesThenAddedThenForgotten() throws Exception {
        String group = "239.192.73.42:" + (30000 + new java.util.Random().nextInt(20000));
        try (RunningNode ana = new RunningNode(home.resolve("ana"), group);
                RunningNode ben = new RunningNode(home.resolve("ben"), group)) {
            ben.cli(0, "name", "Ben's laptop");
            ben.restart(); // announces itself as it starts
            String benId = ben.id();
            waitUntil(() -> heard(ana).stream().anyMatch(peer -> "Ben's laptop".equals(peer.get("name"))), "ana hears ben by its new name");
            Map<String, Object> heardBen = heard(ana).get(0);
            assertEquals(benId, heardBen.get("peerId"));
            assertEquals(benId + "@" + ben.address(), heardBen.get("target"), "the address ben takes connections on");
            String listed = ana.cli(0, "nearby").stdout();
            assertTrue(listed.contains("Ben's laptop") && listed.contains(ben.address()) && listed.contains("./peerdesk connect"), listed);
            assertTrue(ana.peers().isEmpty(), "hearing a stranger makes it no known peer");

            ana.cli(0, "connect", (String) heardBen.get("target"));
            assertOnlinePeers(ana, benId);
            assertEquals(List.of(), heard(ana), "a known peer is no longer listed as heard");
            assertTrue(ana.cli(0, "nearby").stdout().startsWith("No peers heard"));

            ana.cli(0, "grant", benId, "messages", "message");
            String forgot = ana.cli(0, "forget", benId).stdout();
            assertTrue(forgot.startsWith("Forgot Ben's laptop: 1 grant ended."), forgot);
            assertEquals(List.of(), ana.peers(), "ben is no longer a known peer");
            assertEquals(List.of(), ana.json("grants").get("grants"), "nor has it any grant");
            PeerdeskProcess again = ana.cli(1, "forget", benId);
            assertTrue(again.stderr().contains("is not a known peer, and has no grant"), again.transcript());

            ana.cli(0, "grant", benId, "messages", "message");
            assertEquals(List.of(), ana.peers(), "granted by its ID alone, ben is no known peer");
            String byId = ana.cli(0, "forget", benId).stdout();
            assertTrue(byId.startsWith("Forgot " + benId.substring(0, 7) + ": 1 grant ended."), "yet it can be forgotten: " + byId);
            assertEquals(List.of(), ana.json("grants").get("grants"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> heard(RunningNode node) throws Exception {
        return (List<Map<String, Object>>) node.json("nearby").get("nearby");
    }

    @Test
    void aRenamedNodeWithAPassphraseNeedsItToStartAndKeepsItsIdentity() throws Exception {
        Path data = home.resolve("node");
        String id;
        try (RunningNode node = new RunningNode(data)) {
            id = node.id();
            assertTrue(node.cli(0, "name", "Ana's laptop").stdout().contains("Ana's laptop"));
            assertEquals("Ana's laptop", node.json("id").get("name"));
            assertTrue(node.cli(0, "nearby").stdout().startsWith("LAN discovery is off on this node"), "started without discovery");
            PeerdeskProcess tooLong = node.cli(1, "name", "x".repeat(65));
            assertTrue(tooLong.stderr().contains("at most 64 characters"), tooLong.transcript());
            try (PeerdeskProcess protect = PeerdeskProcess.start(List.of("passphrase", "--data", data.toString()))) {
                try (var in = protect.stdin()) {
                    in.write("correct horse\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                assertEquals(0, protect.exitCode(Duration.ofSeconds(30)), protect.transcript());
            }
            assertTrue(Files.readString(data.resolve("identity/node.key")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY"));
        }
        try (PeerdeskProcess locked = PeerdeskProcess.start(List.of("node", "--data", data.toString()),
                environment -> environment.put("PEERDESK_JAVA_OPTS", "-Dpeerdesk.discovery=off -Dpeerdesk.upnp=off"))) {
            assertEquals(2, locked.exitCode(Duration.ofSeconds(60)), locked.transcript());
            assertTrue(locked.stderr().contains("peerdesk: This node's identity key is protected by a passphrase. Set"
                    + " PEERDESK_PASSPHRASE to it and start again.") && !locked.stderr().contains("Unable to get service")
                    && !locked.stderr().contains("without a clean stop"), locked.transcript());
        }
        try (PeerdeskProcess wrong = PeerdeskProcess.start(List.of("node", "--data", data.toString()),
                environment -> environment.put("PEERDESK_PASSPHRASE", "wrong horse"))) {
            assertEquals(2, wrong.exitCode(Duration.ofSeconds(60)), wrong.transcript());
            assertTrue(wrong.stderr().contains("passphrase does not open"), wrong.transcript());
        }
        try (PeerdeskProcess unlocked = PeerdeskProcess.start(List.of("node", "--data", data.toString()),
                environment -> environment.put("PEERDESK_PASSPHRASE", "correct horse"))) {
            unlocked.awaitOutput(RunningNode.RUNNING, Duration.ofSeconds(60));
            assertTrue(unlocked.stdout().contains("peer ID:        " + id), unlocked.transcript());
            assertTrue(unlocked.stdout().contains("name:           Ana's laptop\n"), unlocked.transcript());
            unlocked.terminate();
            assertEquals(0, unlocked.exitCode(Duration.ofSeconds(10)));
        }
        try (PeerdeskProcess typed = PeerdeskProcess.startOnTerminal(List.of("node", "--data", data.toString()))) {
            typed.awaitOutput("Passphrase of this node's key:", Duration.ofSeconds(60));
            typed.stdin().write("wrong horse\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            typed.stdin().flush();
            typed.awaitOutput("The passphrase does not open this node's identity key. Check it and try again.", Duration.ofSeconds(60));
            Eventually.waitUntil(() -> typed.stdout().split("Passphrase of this node's key:", -1).length == 3,
                    () -> "asked again, as the desktop does\n" + typed.transcript());
            typed.stdin().write("correct horse\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            typed.stdin().flush();
            typed.awaitOutput(RunningNode.RUNNING, Duration.ofSeconds(60));
            assertTrue(typed.stdout().contains("peer ID:        " + id), typed.transcript());
            assertFalse(typed.stdout().contains("correct horse") || typed.stdout().contains("wrong horse"),
                    "the passphrase is not echoed\n" + typed.transcript());
            // stopped by its PID (a Ctrl+C typed here would do nothing where the suite runs with SIGINT ignored, as under '&')
            ProcessHandle node = ProcessHandle.of(Long.parseLong(Files.readString(data.resolve("node.lock")).strip())).orElseThrow();
            node.destroy();
            node.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, typed.exitCode(Duration.ofSeconds(30)), typed.transcript());
        }
    }

    @Test
    void theAdminApiRefusesRequestsWithoutTheKey() throws Exception {
        try (RunningNode node = new RunningNode(home.resolve("node"))) {
            Properties api = node.api();
            HttpClient client = HttpClient.newHttpClient();
            URI identity = URI.create(api.getProperty("url") + "/api/v1/identity");
            HttpResponse<String> without = client.send(HttpRequest.newBuilder(identity).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, without.statusCode(), without.body());
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(identity).header("X-API-Key", "0".repeat(64)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> right = client.send(HttpRequest.newBuilder(identity).header("X-API-Key", api.getProperty("key")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, right.statusCode());
            Map<String, String> notObjects = Map.of("{not json", "cannot be read as JSON: Unexpected character ('n' (code 110))",
                    "{\"peer\": ", "cannot be read as JSON: Unexpected end-of-input", "null", "is null, not a JSON object",
                    "[{\"peer\": \"x\"}]", "is an array, not a JSON object", "\"x\"", "is a string, not a JSON object",
                    "{\"target\": \"a\"} {}", "goes on after its JSON (line 1, column ", "{\"target\": \"a\", \"target\": \"b\"}",
                    "Duplicate key (key 'target')");
            for (Map.Entry<String, String> sent : notObjects.entrySet()) {
                HttpResponse<String> refused = post(client, api, "/api/v1/peers", sent.getKey());
                assertEquals(400, refused.statusCode(), sent.getKey() + ": " + refused.body());
                assertTrue(refused.body().contains(sent.getValue()) && !refused.body().contains("Source:"),
                        sent.getKey() + " is refused saying what it is, and only that: " + refused.body());
            }
            for (String limits : List.of("{\"upload\": \"fast\"}", "{\"upload\": -1}", "{\"download\": 1.5}", "{\"upload\": 1000}")) {
                HttpResponse<String> refused = post(client, api, "/api/v1/rate-limits", limits);
                assertEquals(400, refused.statusCode(), limits + ": " + refused.body());
                assertTrue(refused.body().contains("limit"), refused.body());
            }
            for (String quota : List.of("\"50G\"", "1.5", "true")) {
                HttpResponse<String> refused = post(client, api, "/api/v1/access/passwords", "{\"resource\": \"backup\", \"rights\":"
                        + " \"store-backup\", \"password\": \"correct horse\", \"quota\": " + quota + "}");
                assertEquals(400, refused.statusCode(), quota + ": " + refused.body());
                assertTrue(refused.body().contains("Give the quota in bytes, as a whole number"), "not read as no limit: " + refused.body());
            }
            assertEquals(List.of(), node.get("/api/v1/access/passwords").get("passwords"), "no password was set");
            // an optional field of the wrong kind is refused, not read as left out
            Map<String, String> wrongKinds = Map.of("/api/v1/speedtest", "{\"peer\": \"ana\", \"mebibytes\": \"lots\"}",
                    "/api/v1/backup/jobs/wait", "{\"id\": 1, \"millis\": 1.5}",
                    "/api/v1/backup/browse", "{\"set\": \"photos\", \"snapshot\": 7}",
                    "/api/v1/backup/restore", "{\"set\": \"photos\", \"path\": [\"a\"], \"target\": \"/tmp/x\"}",
                    "/api/v1/messages/send", "{\"to\": \"ana\", \"text\": \"hi\", \"content\": \"a poll\"}",
                    "/api/v1/backup/held", "{\"keepDeletedDays\": \"a week\"}",
                    "/api/v1/node/start-over", "{\"cancel\": \"yes\"}");
            for (Map.Entry<String, String> sent : wrongKinds.entrySet()) {
                HttpResponse<String> refused = post(client, api, sent.getKey(), sent.getValue());
                assertEquals(400, refused.statusCode(), sent + ": " + refused.body());
                assertTrue(refused.body().startsWith("{\"error\":\"Give "), sent + " is refused saying how to give it: " + refused.body());
            }
            assertEquals(false, node.get("/api/v1/node/start-over").get("asked"), "the node does not start over on a request it refused");
            HttpResponse<String> badType = post(client, api, "/api/v1/messages/send",
                    "{\"to\": \"ana\", \"text\": \"hi\", \"content\": {\"type\": \"Poll\", \"data\": \"lunch?\"}}");
            assertEquals(400, badType.statusCode(), badType.body());
            assertTrue(badType.body().contains("\\\"Poll\\\" is not a type of message content: give the plugin's name, a slash and a word"),
                    badType.body());
            HttpResponse<String> both = post(client, api, "/api/v1/messages/send", "{\"to\": \"ana\", \"text\": \"hi\", \"content\":"
                    + " {\"type\": \"org.example.polls/poll\", \"data\": \"lunch?\"}, \"files\": [\"/tmp/menu.pdf\"]}");
            assertEquals(400, both.statusCode(), both.body());
            assertTrue(both.body().contains("A message carries files or a plugin's content, not both."), both.body());
            HttpResponse<String> whichMessage = post(client, api, "/api/v1/messages/delete", "{}");
            assertEquals(400, whichMessage.statusCode(), whichMessage.body());
            assertTrue(whichMessage.body().contains("Say which message: "), whichMessage.body());
            HttpResponse<String> noSuch = post(client, api, "/api/v1/messages/edit", "{\"message\": \"" + "0".repeat(32) + "\", \"text\": \"hi\"}");
            assertEquals(409, noSuch.statusCode(), noSuch.body());
            assertTrue(noSuch.body().contains("There is no message " + "0".repeat(32) + " here."), noSuch.body());
            assertEquals(7.0, node.get("/api/v1/backup/held").get("keepDeletedDays"), "nothing was changed");
            assertEquals("Upload limit: none. Download limit: none.", node.cli(0, "limits").stdout().strip(), "nothing was changed");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(node.data.resolve("admin-api.key"))));
        }
    }

    private static HttpResponse<String> post(HttpClient client, Properties api, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(api.getProperty("url") + path)).header("X-API-Key", api.getProperty("key"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Object addressOf(RunningNode node, String peer) throws Exception {
        return node.peers().stream().filter(p -> p.get("peerId").equals(peer)).findFirst().orElseThrow().get("address");
    }

    private static boolean isOnline(RunningNode node, String peer) throws Exception {
        return node.peers().stream().anyMatch(p -> p.get("peerId").equals(peer) && Boolean.TRUE.equals(p.get("online")));
    }

    private static void assertOnlinePeers(RunningNode node, String... expected) throws Exception {
        List<Map<String, Object>> peers = node.peers();
        assertEquals(List.of(expected), peers.stream().map(p -> p.get("peerId")).toList(), peers.toString());
        assertTrue(peers.stream().allMatch(p -> Boolean.TRUE.equals(p.get("online"))), peers.toString());
    }

    private static void waitUntil(Eventually.Check check, String what) throws Exception {
        Eventually.waitUntil(check, () -> "Timed out waiting until " + what);
    }
}
