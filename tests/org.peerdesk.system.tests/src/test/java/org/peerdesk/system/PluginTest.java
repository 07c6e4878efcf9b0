package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.FileTrees;
import org.peerdesk.testing.BrokenComponents;

/**
 * The path a third-party plugin takes: a bundle dropped into the plugins folder of real, running node
 * processes starts there, adds a command to the CLI, and registers a protocol of its own; the nodes
 * exchange data over it, after the same authorization as every other protocol. A node without the
 * plugin refuses the protocol; a file taken out of the folder takes its plugin with it. The example
 * polls plugin adds data to messages that members vote on with reactions, with or without it; the example
 * notes plugin keeps notes that members write together in step over a protocol of its own.
 */
@Timeout(300)
class PluginTest {

    private static final String GESTURE = "org.peerdesk.testing.greeter/gesture";
    private static final Path GREETER_BUILD = PeerdeskProcess.ROOT.resolve("tests/org.peerdesk.testing.greeter/target");
    private static final Path SCRATCHPAD_BUILD = PeerdeskProcess.ROOT.resolve("examples/org.peerdesk.examples.scratchpad/target");
    private static final Path POLLS_BUILD = PeerdeskProcess.ROOT.resolve("examples/org.peerdesk.examples.polls/target");
    private static final Path NOTES_BUILD = PeerdeskProcess.ROOT.resolve("examples/org.peerdesk.examples.notes/target");

    @TempDir
    Path home;

    @Test
    void aPluginDroppedIntoRunningNodesServesItsCommandAndProtocolAndIsRefusedWhereItIsMissing() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana"));
                RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode cai = new RunningNode(home.resolve("cai"))) {
            String benShort = ben.id().substring(0, 7);
            String caiShort = cai.id().substring(0, 7);
            String anaShort = ana.id().substring(0, 7);
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            cai.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            assertTrue(ana.cli(0, "plugins").stdout().contains("No plugins."));

            // put into the plugins folders of running nodes, the plugin runs within seconds
            Path broken = Files.writeString(ana.data.resolve("plugins/not-a-bundle.jar"), "no zip at all");
            Files.copy(greeterJar(), ana.data.resolve("plugins/greeter.jar"));
            Files.copy(greeterJar(), ben.data.resolve("plugins/greeter.jar"));
            Files.copy(built(SCRATCHPAD_BUILD, "org.peerdesk.examples.scratchpad"), ben.data.resolve("plugins/scratchpad.jar"));
            Eventually.waitUntil(() -> runs(ana, "greeter.jar") && runs(ben, "greeter.jar") && runs(ben, "scratchpad.jar"),
                    () -> "the plugins run a moment after their files were put there");
            // the example plugin's views need the desktop, which it does without on a headless node
            assertEquals("The scratchpad is empty.\n", ben.cli(0, "scratchpad").stdout());

            // a plugin whose components cannot work runs, and says which do not and why, among what needs the user
            Path cannotWork = BrokenComponents.write(ben.data.resolve("plugins/broken-components.jar"));
            Eventually.waitUntil(() -> problemOf(ben, "broken-components.jar").endsWith("; " + BrokenComponents.WAITS),
                    () -> "the plugin's components are not said to wait or fail");
            assertTrue(problemOf(ben, "broken-components.jar").startsWith(BrokenComponents.FAILS + "java.lang.InstantiationException"));
            assertTrue(problemOf(ben, "broken-components.jar").contains("; " + BrokenComponents.LOST + "; "),
                    "a component whose class is nowhere is named too, though the runtime lists nothing for it");
            assertTrue(ben.cli(0, "status").stdout().contains("\n  - plugin broken-components.jar runs, but " + BrokenComponents.FAILS));
            Files.delete(cannotWork);

            // the plugin's own command: through the CLI, for scripts, and with what it takes explained
            assertTrue(ana.cli(0, "greet", benShort).stdout().endsWith(" confirmed the greeting: the hash of its megabyte matches.\n"));
            @SuppressWarnings("unchecked")
            Map<String, Object> greeted = (Map<String, Object>) ana.json("greet", benShort).get("data");
            assertEquals(Map.of("peer", ben.id(), "bytes", 1048576, "confirmed", true),
                    Map.of("peer", greeted.get("peer"), "bytes", greeted.get("bytes"), "confirmed", greeted.get("confirmed")), greeted.toString());
            assertTrue(ana.cli(64, "greet").stderr().contains("peerdesk: greet takes one peer, by name or ID (usage: greet PEER)"));
            assertTrue(ana.cli(1, "greet", caiShort).stderr().contains("does not speak this protocol"));
            assertTrue(ana.cli(64, "gret", benShort).stderr().contains("unknown command 'gret'. See './peerdesk help', and './peerdesk"
                    + " plugins' for the commands that plugins add."));
            assertTrue(cai.cli(64, "greet", anaShort).stderr().contains("unknown command 'greet'"), "not where the plugin is missing");
            String listed = ana.cli(0, "plugins").stdout();
            assertTrue(listed.contains("\ngreet PEER                 send a connected peer a greeting with a megabyte of data,"
                    + " and wait for it to confirm what it got  org.peerdesk.testing.greeter\n"), listed);
            assertTrue(listed.contains("\nProtocols they serve to peers over the network:\nPROTOCOL                   WHO MAY USE IT               FROM\n"
                    + "/peerdesk-test/greeting/1  trusted peers                org.peerdesk.testing.greeter\n"
                    + "/peerdesk-test/notes/1     peers granted read on notes  org.peerdesk.testing.greeter\n"),
                    "a user sees what a plugin opens to peers, and to whom: " + listed);
            assertTrue(listed.contains("\nWhat they add to messages (data beside the text, sent from here and checked as peers' messages"
                    + " come in):\nTYPE                                  FROM\norg.peerdesk.testing.greeter/gesture  org.peerdesk.testing.greeter\n"),
                    listed);

            // what it adds to messages travels as messages do: kept where its plugin is, its text shown where it is missing
            assertEquals("Sent a wave.\n", ana.cli(0, "gesture", benShort, "wave").stdout());
            assertEquals("Sent a bow.\n", ana.cli(0, "gesture", caiShort, "bow").stdout());
            assertTrue(ana.cli(1, "gesture", benShort, "shout").stderr().contains("\"shout\" is not a gesture the greeter knows"),
                    "the plugin checks what is sent from its node");
            Object nod = ana.post("/api/v1/messages/send", Map.of("to", benShort, "text", "*nods*",
                    "content", Map.of("type", GESTURE, "data", "nod"))).get("message");
            assertEquals(Map.of("type", GESTURE, "data", "nod", "known", true, "described", "The greeter plugin shows: a nod"),
                    ((Map<?, ?>) nod).get("content"), "scripts send it too, and read what the plugin says of it");
            Eventually.waitUntil(() -> ben.messageLines("messages", anaShort).contains("*nods*"), () -> "ben did not get the gestures");
            String atBen = ben.messageLines("messages", anaShort);
            assertTrue(atBen.contains(": *waves* (a gesture from the greeter plugin)\n      The greeter plugin shows: a wave\n"),
                    "where the plugin is, what it says of its data is shown: " + atBen);
            Eventually.waitUntil(() -> cai.messageLines("messages", anaShort).contains("*bows*"), () -> "cai did not get the bow");
            assertTrue(cai.messageLines("messages", anaShort).contains(": *bows* (a gesture from the greeter plugin)\n      with data for"
                    + " the plugin org.peerdesk.testing.greeter, which this node does not have: the text is all it shows\n"));

            // a new build copied over the old file takes its place, as a plugin's author does it
            Path rebuilt = rebuilt(greeterJar());
            Files.copy(rebuilt, ana.data.resolve("plugins/greeter.jar"), StandardCopyOption.REPLACE_EXISTING);
            waitForLog(ana, "Removed plugin org.peerdesk.testing.greeter, whose file is gone or was replaced");
            Eventually.waitUntil(() -> runs(ana, "greeter.jar"), () -> "the new build of the greeter runs");
            assertTrue(ana.cli(0, "greet", benShort).stdout().endsWith(" confirmed the greeting: the hash of its megabyte matches.\n"));

            // a restart loads it again; it greets each peer that connects, and the one without the plugin refuses
            ana.restart();
            waitForLog(ana, "Greeter: greeting from " + benShort + ": \"hello from a plugin\" with 1048576 bytes");
            waitForLog(ben, "Greeter: " + anaShort + " confirmed the greeting, hash matches");
            waitForLog(ana, "Greeter: " + caiShort + " did not take the greeting");
            assertTrue(log(ana).contains("does not speak this protocol"), log(ana));

            List<Map<String, Object>> plugins = ana.plugins();
            assertEquals(2, plugins.size(), plugins.toString());
            assertEquals(Map.of("file", "greeter.jar", "bundle", "org.peerdesk.testing.greeter", "running", true, "problem", ""),
                    Map.of("file", plugins.get(0).get("file"), "bundle", plugins.get(0).get("bundle"),
                            "running", plugins.get(0).get("running"), "problem", plugins.get(0).get("problem")));
            assertEquals(List.of(Map.of("id", "/peerdesk-test/greeting/1", "access", "trusted", "whoMay", "trusted peers"),
                    Map.of("id", "/peerdesk-test/notes/1", "access", "read@notes", "whoMay", "peers granted read on notes")),
                    plugins.get(0).get("protocols"));
            assertEquals("not-a-bundle.jar", plugins.get(1).get("file"));
            assertTrue(String.valueOf(plugins.get(1).get("problem")).startsWith("not installed"), plugins.toString());
            // both say so among what needs the user: the node of the plugin that cannot run, the plugin of the peer it cannot greet
            String waiting = ana.cli(0, "status").stdout();
            assertTrue(waiting.contains("\n  - plugin not-a-bundle.jar is not installed: ") && waiting.contains(" (peerdesk plugins)\n"), waiting);
            String caiName = String.valueOf(cai.json("id").get("name"));
            assertTrue(waiting.contains("\n  - " + caiName + " would not take a greeting\n"), waiting);

            // files taken out of the folder take their plugins with them, at once
            Files.delete(broken);
            Files.delete(ana.data.resolve("plugins/greeter.jar"));
            Eventually.waitUntil(() -> ana.plugins().isEmpty(), () -> "a removed plugin file removes the plugin");
            assertTrue(ana.cli(64, "greet", benShort).stderr().contains("unknown command 'greet'"), "nor does its command run");
            assertTrue(!ana.cli(0, "status").stdout().contains("greeting") && !ana.cli(0, "status").stdout().contains("plugin"),
                    "nor is either listed any more");

            // so does the folder itself, which comes back, watched as before
            FileTrees.delete(ben.data.resolve("plugins"));
            Eventually.waitUntil(() -> ben.plugins().isEmpty() && Files.isDirectory(ben.data.resolve("plugins")),
                    () -> "the plugins folder's removal removes its plugins, and the folder comes back");
            Files.copy(greeterJar(), ben.data.resolve("plugins/greeter.jar"));
            Eventually.waitUntil(() -> runs(ben, "greeter.jar"), () -> "a plugin put into the new folder runs");
        }
    }

    @Test
    void theExamplePollIsVotedInByReactionsAlsoWhereThePluginIsMissing() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana"));
                RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode cai = new RunningNode(home.resolve("cai"))) {
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            cai.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            for (RunningNode node : List.of(ana, ben)) {
                Files.copy(built(POLLS_BUILD, "org.peerdesk.examples.polls"), node.data.resolve("plugins/polls.jar"));
            }
            Eventually.waitUntil(() -> runs(ana, "polls.jar") && runs(ben, "polls.jar"), () -> "the polls plugin does not run");
            ana.cli(0, "group", "create", "lunch", ben.id(), cai.id());
            Eventually.waitUntil(() -> ben.cli(0, "conversations").stdout().contains("lunch") && cai.cli(0, "conversations").stdout()
                    .contains("lunch"), () -> "the group did not reach everyone");

            assertTrue(ana.cli(0, "poll", "lunch", "Where?", "Pizza", "Sushi").stdout().startsWith("Asked \"Where?\". Members vote with:"
                    + " peerdesk vote lunch NUMBER"));
            Eventually.waitUntil(() -> ben.messageLines("messages", "lunch").contains("\n      Pizza: no votes\n      Sushi: no votes\n"),
                    () -> "ben's plugin does not show the poll's votes");
            assertEquals("Voted for Sushi in \"Where?\".\n", ben.cli(0, "vote", "lunch", "2").stdout());
            assertTrue(ben.cli(64, "vote", "lunch", "3").stderr().contains("\"3\" is not a choice of \"Where?\": give its number, 1 to 2"));
            // cai has no plugin: the poll's text says how to vote, and a reaction is a vote
            Eventually.waitUntil(() -> cai.messageLines("messages", "lunch").contains("Poll: Where?\n1. Pizza\n2. Sushi\nVote by reacting"),
                    () -> "cai does not read the poll's text");
            cai.cli(0, "react", "lunch", "1");
            String benName = String.valueOf(ben.json("id").get("name"));
            String caiName = String.valueOf(cai.json("id").get("name"));
            Eventually.waitUntil(() -> ana.messageLines("messages", "lunch").contains("\n      Pizza: 1 vote (" + caiName + ")\n      Sushi:"
                    + " 1 vote (" + benName + ")\n"), () -> "ana's plugin does not count both votes");
        }
    }

    @Test
    void theExampleNotesAreWrittenTogetherByMembersWhoMeetOnlyThroughTheOwnerAndOneThatWasAway() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana"));
                RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode cai = new RunningNode(home.resolve("cai"))) {
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            cai.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            for (RunningNode node : List.of(ana, ben, cai)) {
                Files.copy(built(NOTES_BUILD, "org.peerdesk.examples.notes"), node.data.resolve("plugins/notes.jar"));
            }
            Eventually.waitUntil(() -> runs(ana, "notes.jar") && runs(ben, "notes.jar") && runs(cai, "notes.jar"),
                    () -> "the notes plugin does not run");
            assertTrue(ana.cli(0, "notes", "new", "Trip", ben.id(), cai.id()).stdout().startsWith("Made \"Trip\""));
            ben.cli(0, "notes", "append", "trip", "Passports");
            Eventually.waitUntil(() -> cai.cli(0, "notes", "show", "trip").stdout().equals("Passports\n"),
                    () -> "ben's line did not reach cai, whom ben does not know, through ana");

            cai.kill();
            ben.cli(0, "notes", "append", "trip", "Tickets");
            cai.start();
            cai.cli(0, "notes", "append", "trip", "Charger"); // at once: before or after ben's line reaches it
            Eventually.waitUntil(() -> Set.of(ana, ben, cai).stream().map(node -> show(node, "trip")).distinct().count() == 1
                    && Set.copyOf(show(ana, "trip").lines().toList()).equals(Set.of("Passports", "Tickets", "Charger")),
                    () -> "after cai was away, the nodes do not have every line once, in one order: " + show(ana, "trip") + " / "
                            + show(ben, "trip") + " / " + show(cai, "trip"));
            assertTrue(cai.cli(1, "notes", "share", "trip", ben.id()).stderr().contains("Only the owner of \"Trip\" can share it."));
            assertTrue(ben.cli(1, "notes", "show", "nothing-of-that-name").stderr().contains("There is no note called 'nothing-of-that-name'"));

            // cai leaves: forgotten there at once, and ana's node takes cai off, which ben learns
            assertTrue(cai.cli(0, "notes", "leave", "trip").stdout().startsWith("Left \"Trip\" and forgot it here;"));
            assertTrue(cai.cli(0, "notes").stdout().startsWith("No notes yet."));
            List<Object> left = List.of(ana.id(), ben.id());
            Eventually.waitUntil(() -> memberIds(ana).equals(left) && memberIds(ben).equals(left),
                    () -> "cai left, but ana's node did not take cai off the note, or ben did not learn it");
        }
    }

    /** The peer IDs of the members of the one note the node has. */
    @SuppressWarnings("unchecked")
    private static List<Object> memberIds(RunningNode node) throws Exception {
        List<Map<String, Object>> notes = (List<Map<String, Object>>) ((Map<String, Object>) node.json("notes").get("data")).get("notes");
        return ((List<Map<String, Object>>) notes.get(0).get("members")).stream().map(member -> member.get("peer")).toList();
    }

    private static String show(RunningNode node, String note) {
        try {
            return node.cli(0, "notes", "show", note).stdout();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String problemOf(RunningNode node, String file) throws Exception {
        return node.plugins().stream().filter(plugin -> file.equals(plugin.get("file"))).map(plugin -> String.valueOf(plugin.get("problem")))
                .findFirst().orElse("(not listed)");
    }

    static boolean runs(RunningNode node, String file) throws Exception {
        return node.plugins().stream().anyMatch(plugin -> file.equals(plugin.get("file")) && Boolean.TRUE.equals(plugin.get("running")));
    }

    static Path greeterJar() throws IOException {
        return built(GREETER_BUILD, "org.peerdesk.testing.greeter");
    }

    /** A copy of {@code jar} with one more file in it: the same bundle, as a new build of it would be. */
    private Path rebuilt(Path jar) throws IOException {
        Path copy = Files.copy(jar, home.resolve("rebuilt.jar"));
        try (FileSystem zip = FileSystems.newFileSystem(copy)) {
            Files.writeString(zip.getPath("built-again.txt"), "a later build");
        }
        return copy;
    }

    /** The bundle the reactor built in {@code folder}. */
    private static Path built(Path folder, String bundle) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(bundle + "-") && file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> !file.getFileName().toString().contains("sources"))
                    .findFirst().orElseThrow(() -> new AssertionError("Build the reactor first: no " + bundle + " bundle in " + folder));
        }
    }

    static String log(RunningNode node) throws IOException {
        return Files.readString(node.data.resolve("logs/peerdesk.0.log"));
    }

    static void waitForLog(RunningNode node, String line) throws Exception {
        Eventually.waitUntil(() -> log(node).contains(line), () -> {
            try {
                return "No '" + line + "' in the log of " + node.data + ":\n" + log(node);
            } catch (IOException e) {
                return "No '" + line + "' in the log of " + node.data + ", which cannot be read: " + e.getMessage();
            }
        });
    }
}
