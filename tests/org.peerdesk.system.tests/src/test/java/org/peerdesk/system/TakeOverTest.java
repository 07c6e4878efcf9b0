package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.FolderCopies;

/**
 * Ana's laptop backs up its folder, itself, its chat and its shares to Ben, which is its mailbox too, gives Cleo read on a
 * share, is in Cleo's group with Ben, and is lost with its data directory; Cleo writes to it meanwhile, and her message waits
 * at Ben's, sealed to Ana's node. A fresh node recovers from the phrase and takes the lost node's place: the chat and the
 * share come back at once; after it starts again it has Ana's peer ID and name, knows Ben and Cleo, gives Cleo what Ana
 * gave, takes the password Ana set, opens Cleo's message from the mailbox, gets the group back with its next message, and Ben stores its next
 * snapshot without being asked again. When the lost laptop turns up and starts again, its peers refuse it, and it tells its
 * user that it speaks for Ana's node no more.
 */
class TakeOverTest {

    @TempDir
    Path home;

    @Test
    void aRecoveredNodeTakesTheLostOnesPlaceWithItsPeersGrantsAndMail() throws Exception {
        Path folder = Files.createDirectories(home.resolve("work/docs"));
        Files.writeString(folder.resolve("plan.txt"), "the plan");
        String phrase;
        String anaId;
        String cleoId;
        String cleoName;
        String group;
        try (RunningNode ben = new RunningNode(home.resolve("ben")); RunningNode cleo = new RunningNode(home.resolve("cleo"))) {
            cleoId = cleo.id();
            cleoName = (String) cleo.json("id").get("name");
            try (RunningNode ana = new RunningNode(home.resolve("ana"))) {
                anaId = ana.id();
                ana.cli(0, "name", "Ana's laptop");
                for (RunningNode peer : List.of(ben, cleo)) {
                    ana.cli(0, "connect", peer.cli(0, "invite").stdout().strip());
                }
                cleo.cli(0, "connect", ben.cli(0, "invite").stdout().strip());
                ana.cli(0, "mailbox", ben.id());
                ana.cli(0, "send", cleo.id(), "before the loss");
                Eventually.waitUntil(() -> MessagingTest.deliveries(ana, cleo.id()).equals(List.of("delivered")),
                        () -> "Cleo did not get Ana's message");
                ben.cli(0, "grant", anaId, "backup", "store-backup");
                ana.cli(0, "share", "add", "docs", folder.toString());
                ana.cli(0, "grant", cleo.id(), "docs", "read");
                ana.cliWithInput(0, "a password for the docs", "password", "set", "docs", "read");
                ana.cli(0, "backup", "add", "docs", folder.toString(), "--to", ben.id(), "--copies", "1", "--with", "node,conversations,shares");
                ana.cliWithInput(0, "correct horse", "passphrase");
                ana.json("backup", "run", "docs");
                group = MessagingTest.team(cleo, ana, ben); // after the last backup: only its members can bring it back
                ana.cli(0, "edit", cleo.id(), "before the loss, edited after the backup");
                Eventually.waitUntil(() -> cleo.messageLines("search", "edited").contains("before the loss, edited after the backup"),
                        () -> "Cleo did not get Ana's edit");
                ana.cli(0, "send", cleo.id(), "after the backup, before the loss");
                Eventually.waitUntil(() -> MessagingTest.deliveries(ana, cleo.id()).equals(List.of("delivered", "delivered")),
                        () -> "Cleo did not get Ana's message after the backup");
                phrase = ana.cliWithInput(0, "correct horse", "recovery", "phrase").stdout().lines()
                        .filter(line -> line.split(" ").length == 24).findFirst().orElseThrow();
                ana.kill();
            }
            Path found = home.resolve("ana-found"); // the laptop turns up again later, as it was when it was lost
            FolderCopies.copy(home.resolve("ana"), found);
            BackupTest.deleteTree(home.resolve("ana"));
            assertTrue(cleo.cli(0, "send", anaId, "written while Ana's laptop was lost").stdout().startsWith("Stored here"));
            Eventually.waitUntil(() -> MessagingTest.deliveries(cleo, anaId).equals(List.of("at-mailbox")),
                    () -> "Cleo did not leave the message at Ana's mailbox");
            cleo.stop(); // from here on the mailbox alone has it

            try (RunningNode fresh = new RunningNode(home.resolve("fresh"))) {
                String ownId = fresh.id();
                fresh.cli(0, "connect", ben.id() + "@" + ben.address());
                List<String> recover = new ArrayList<>(List.of("recover"));
                recover.addAll(List.of(phrase.split(" ")));
                Map<String, Object> recovered = BackupTest.result(fresh.json(recover.toArray(String[]::new)));
                Map<?, ?> kept = (Map<?, ?>) recovered.get("keptNode");
                assertEquals(List.of(anaId, "Ana's laptop", true, 2, 3, List.of("conversations", "shares")), List.of(kept.get("id"),
                        kept.get("name"), kept.get("passphraseProtected"), kept.get("peers"), kept.get("grants"), kept.get("beside")),
                        recovered.toString());

                ben.cli(0, "grant", ownId, "backup", "store-backup");
                BackupTest.result(fresh.json("backup", "run", "docs")); // as the new node itself, before it thinks of taking the place
                assertTrue(fresh.cli(0, "backup", "ls", "docs", "latest", "Peerdesk/from earlier machines/node").stdout().contains("identity/"),
                        "the lost node stays in the new node's snapshots, carried over");

                PeerdeskProcess wrong = fresh.cliWithInput(1, "wrong horse", "take-over");
                assertTrue(wrong.stderr().contains("That passphrase does not open the key of Ana's laptop."), wrong.transcript());
                String taken = fresh.cliWithInput(0, "correct horse", "take-over").stdout();
                assertTrue(taken.contains("This node becomes Ana's laptop (" + anaId + "), as 'docs' kept it on ")
                        && taken.contains("It knows its 2 peers again and gives the 3 grants it gave")
                        && taken.contains("Back already: access (1 password), conversations (1 message in 1 conversation; those since the backup come"
                                + " from 2 peers as they connect), shares (1"
                                + " share: docs)."), taken);
                assertEquals(ownId, fresh.id(), "a running node keeps its key until it starts again");

                fresh.restartWithPassphrase("correct horse");
                assertEquals(anaId, fresh.id());
                assertEquals("Ana's laptop", fresh.json("id").get("name"));
                Eventually.waitUntil(() -> fresh.messageLines("messages", cleoId).contains("written while Ana's laptop was lost"),
                        () -> "Cleo's message, sealed to Ana's node at Ana's mailbox, did not reach the node that took its place");
                assertEquals(List.of(List.of("before the loss", true), List.of("written while Ana's laptop was lost", false)),
                        MessagingTest.messages(fresh, cleoId).stream().map(message -> List.of(message.get("text"), message.get("outgoing")))
                                .toList(), "the chat with Cleo goes on from Ana's message before the loss, hers again");
                String waiting = "what came after the last backup is still to come from " + cleoName + " (each as it connects)";
                Eventually.waitUntil(() -> fresh.cli(0, "status").stdout().contains(waiting),
                        () -> "Cleo, offline, is not said to be still to give back what came after (Ben, online, gives it at once)");
                cleo.start();
                Eventually.waitUntil(() -> cleo.peers().stream().anyMatch(peer -> anaId.equals(peer.get("peerId"))
                        && fresh.address().equals(peer.get("address"))), () -> "Cleo did not reach Ana at her new address");
                Eventually.waitUntil(() -> fresh.messageLines("messages", cleoId).contains("after the backup, before the loss")
                        && fresh.messageLines("messages", cleoId).contains("before the loss, edited after the backup"),
                        () -> "Cleo did not give back what Ana wrote and edited after the last backup");
                assertEquals(List.of(List.of("before the loss, edited after the backup", true), List.of("after the backup, before the loss", true),
                        List.of("written while Ana's laptop was lost", false)), MessagingTest.messages(fresh, cleoId).stream()
                                .map(message -> List.of(message.get("text"), message.get("outgoing"))).toList(),
                        "the chat with Cleo is whole again, in the order it was written");
                Eventually.waitUntil(() -> !fresh.cli(0, "status").stdout().contains(waiting), () -> "Cleo is asked once");
                cleo.cli(0, "send", group, "the group goes on");
                Eventually.waitUntil(() -> MessagingTest.members(fresh, group).size() == 3
                        && fresh.messageLines("messages", group).contains(": the group goes on"),
                        () -> "the node that took Ana's place did not get Cleo's group back with its next message");
                assertTrue(fresh.cli(0, "grants").stdout().lines().anyMatch(line -> line.matches(".*\\sdocs\\s+read\\s+\\(granted\\)")),
                        "Cleo may read docs as before");
                assertTrue(cleo.cli(0, "ls", anaId, "docs").stdout().contains("plan.txt"), "Ana's docs are shared again, where they were");
                ben.cliWithInput(0, "a password for the docs", "unlock", anaId, "docs");
                assertTrue(ben.cli(0, "ls", anaId, "docs").stdout().contains("plan.txt"), "the password Ana set opens the docs as before");
                assertEquals(0, ((Number) BackupTest.result(fresh.json("backup", "run", "docs")).get("underCopied")).intValue(),
                        "Ben stores for the node again without being asked");
                assertTrue(fresh.cli(0, "take-over").stdout().startsWith("No backup set keeps a node other than this one"),
                        "the node kept now is this one");
                Path restored = home.resolve("restored");
                fresh.cli(0, "restore", "docs", "latest", "--to", restored.toString());
                assertEquals("the plan", Files.readString(restored.resolve("docs/plan.txt")));
                assertTrue(Files.exists(restored.resolve("Peerdesk/node/peers.properties"))
                        && !Files.exists(restored.resolve("Peerdesk/node/identity")), "a restore of all leaves the node's key where it is");
                try (var aside = Files.list(home.resolve("fresh"))) {
                    assertEquals(1, aside.filter(file -> file.getFileName().toString().startsWith("identity-before-")).count(),
                            "the fresh node's own identity is kept aside");
                }

                try (RunningNode laptop = RunningNode.unlockedWith(found, "correct horse")) {
                    assertEquals(anaId, laptop.id());
                    AtomicReference<String> status = new AtomicReference<>();
                    Eventually.waitUntil(() -> {
                        status.set(laptop.cli(0, "status").stdout());
                        return status.get().contains("this machine speaks for Ana's laptop no more");
                    },
                            () -> "the laptop that turned up, dialing its peers, is not told that another machine took its place: "
                                    + status.get() + logOf(laptop));
                    assertTrue(PluginTest.log(laptop).contains("refuses this machine: this node's identity runs on another machine now, one that"
                            + " took its place from a backup (machine 1; this is machine 0)"), "Ben told it why");
                    PeerdeskProcess retired = laptop.cli(1, "connect", cleoId + "@" + cleo.address());
                    assertTrue(retired.stderr().contains("this machine speaks for its node no more: the node's identity runs on machine 1"
                            + " now"), "told once, the laptop speaks as Ana to no peer: " + retired.transcript());
                    PeerdeskProcess noInvite = laptop.cli(1, "invite");
                    assertTrue(noInvite.stderr().contains("No invite from this machine: it speaks for Ana's laptop no more, as another"
                            + " machine took its place from a backup; invite from that one."), noInvite.transcript());
                    assertTrue(laptop.cli(0, "audit").stdout().contains("this node's identity runs on machine 1 now, one that took its"
                            + " place from a backup; peers refuse this machine"), "the laptop's audit log says why it is refused");
                    assertTrue(ben.cli(0, "audit").stdout().contains("its identity runs on machine 1 now, one that took its place from a"
                            + " backup; the machines it ran on before are refused"), "Ben's audit log says that Ana moved");
                    cleo.cli(0, "send", anaId, "after the old laptop turned up");
                    Eventually.waitUntil(() -> fresh.messageLines("messages", cleoId).contains("after the old laptop turned up"),
                            () -> "Cleo's message did not reach the machine that took Ana's place");
                    assertTrue(cleo.peers().stream().anyMatch(peer -> anaId.equals(peer.get("peerId")) && fresh.address().equals(peer.get("address"))),
                            "Cleo keeps Ana at the machine that took her place");
                }
            }
        }
    }

    @Test
    void aNodeKeptWithoutItsConversationsGetsThemBackFromItsPeers() throws Exception {
        Path folder = Files.createDirectories(home.resolve("work/notes"));
        Files.writeString(folder.resolve("todo.txt"), "call Ben");
        try (RunningNode ben = new RunningNode(home.resolve("ben"))) {
            String anaId;
            String phrase;
            try (RunningNode ana = new RunningNode(home.resolve("ana"))) {
                anaId = ana.id();
                ana.cli(0, "connect", ben.cli(0, "invite").stdout().strip());
                ana.cli(0, "send", ben.id(), "lunch on Friday?");
                ben.cli(0, "send", anaId, "yes, at noon");
                Eventually.waitUntil(() -> MessagingTest.deliveries(ana, ben.id()).equals(List.of("delivered"))
                        && ana.messageLines("messages", ben.id()).contains("yes, at noon"), () -> "Ana and Ben did not talk");
                ben.cli(0, "grant", anaId, "backup", "store-backup");
                ana.cli(0, "backup", "add", "notes", folder.toString(), "--to", ben.id(), "--copies", "1", "--with", "node");
                ana.json("backup", "run", "notes");
                phrase = ana.cli(0, "recovery", "phrase").stdout().lines().filter(line -> line.split(" ").length == 24).findFirst()
                        .orElseThrow();
                ana.kill();
            }
            try (RunningNode fresh = new RunningNode(home.resolve("fresh"))) {
                fresh.cli(0, "connect", ben.id() + "@" + ben.address());
                List<String> recover = new ArrayList<>(List.of("recover"));
                recover.addAll(List.of(phrase.split(" ")));
                fresh.cli(0, recover.toArray(String[]::new));
                String taken = fresh.cli(0, "take-over").stdout();
                assertTrue(taken.contains("Back already: conversations (none kept; they come from 1 peer as they connect)."), taken);
                fresh.restart();
                assertEquals(anaId, fresh.id());
                Eventually.waitUntil(() -> MessagingTest.messages(fresh, ben.id()).size() == 2,
                        () -> "Ben did not give back the conversation the backup did not keep");
                assertEquals(List.of(List.of("lunch on Friday?", true), List.of("yes, at noon", false)), MessagingTest.messages(fresh, ben.id())
                        .stream().map(message -> List.of(message.get("text"), message.get("outgoing"))).toList());
            }
        }
    }

    private static String logOf(RunningNode node) {
        try {
            return "\n--- its log ---\n" + PluginTest.log(node);
        } catch (java.io.IOException e) {
            return "\n(no log: " + e.getMessage() + ")";
        }
    }
}
