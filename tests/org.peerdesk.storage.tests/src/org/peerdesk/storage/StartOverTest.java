package org.peerdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartOverTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    /** A data directory as a node leaves it: its identity, database and log, plugins installed, the framework's cache. */
    private Path aNodesDirectory() throws Exception {
        Path path = home.resolve("node");
        try (DataDirectory directory = DataDirectory.open(path)) {
            Files.createDirectories(path.resolve("identity"));
            Files.writeString(path.resolve("identity/node.key"), "the old node's key");
            Files.createDirectories(path.resolve("db"));
            Files.writeString(path.resolve("db/peerdesk.mv.db"), "its peers and grants");
            Files.createDirectories(path.resolve("logs"));
            Files.writeString(path.resolve("admin-api.key"), "its API key");
            Files.createDirectories(path.resolve(DataDirectory.PLUGINS));
            Files.writeString(path.resolve(DataDirectory.PLUGINS).resolve("notes.jar"), "a bundle");
            Files.createDirectories(path.resolve(DataDirectory.RUNTIME).resolve("configuration"));
            Files.createDirectories(path.resolve(DataDirectory.DOWNLOADS));
            Files.writeString(path.resolve(DataDirectory.DOWNLOADS).resolve("report.pdf"), "a file fetched from a peer");
        }
        return path;
    }

    @Test
    void theNextOpenSetsTheWholeNodeAsideAndKeepsWhatIsTheMachines() throws Exception {
        Path path = aNodesDirectory();
        Path keeper;
        try (DataDirectory running = DataDirectory.open(path)) {
            keeper = new StartOver(path).ask(NOON);
            assertEquals(path.resolve("before-start-over-20261207-120000"), keeper);
            assertEquals(Optional.of(keeper), running.startingOver());
            assertTrue(Files.exists(path.resolve("identity/node.key")), "nothing moves while the node runs");
        }
        try (DataDirectory fresh = DataDirectory.open(path)) {
            assertEquals(Optional.of(keeper), fresh.setAside());
            assertEquals(Optional.empty(), fresh.startingOver(), "done once");
            assertEquals(List.of("before-start-over-20261207-120000", DataDirectory.DOWNLOADS, DataDirectory.LOCK, DataDirectory.MARKER,
                    DataDirectory.PLUGINS, DataDirectory.RUNTIME), names(path), "a new node's directory, with the machine's plugins"
                    + " and the user's downloads");
            assertEquals("a bundle", Files.readString(path.resolve(DataDirectory.PLUGINS).resolve("notes.jar")));
            assertEquals("a file fetched from a peer", Files.readString(path.resolve(DataDirectory.DOWNLOADS).resolve("report.pdf")));
        }
        assertEquals(List.of("admin-api.key", "db", "identity", "logs", DataDirectory.MARKER), names(keeper));
        assertEquals("the old node's key", Files.readString(keeper.resolve("identity/node.key")));
        try (DataDirectory old = DataDirectory.open(keeper)) {
            assertEquals("its peers and grants", Files.readString(old.resolve("db", "peerdesk.mv.db")),
                    "the old node is a data directory of its own, to run again with --data");
        }
        try (DataDirectory again = DataDirectory.open(path)) {
            assertEquals(Optional.empty(), again.setAside(), "a later open sets nothing aside");
        }
    }

    @Test
    void keepingTheNodeTakesTheRequestBack() throws Exception {
        Path path = aNodesDirectory();
        try (DataDirectory running = DataDirectory.open(path)) {
            running.startOverAtNextStart();
            assertTrue(running.keepThisNode());
            assertFalse(running.keepThisNode(), "nothing more to take back");
        }
        try (DataDirectory again = DataDirectory.open(path)) {
            assertEquals(Optional.empty(), again.setAside());
            assertEquals("the old node's key", Files.readString(path.resolve("identity/node.key")));
        }
    }

    @Test
    void askingTwiceKeepsTheFolderNamedFirst() throws Exception {
        Path path = aNodesDirectory();
        StartOver startOver = new StartOver(path);
        Path first = startOver.ask(NOON);
        assertEquals(first, startOver.ask(Clock.offset(NOON, Duration.ofHours(1))));
    }

    @Test
    void aMoveCutShortGoesOnAtTheNextOpenIntoTheSameFolder() throws Exception {
        Path path = aNodesDirectory();
        Path keeper = new StartOver(path).ask(NOON);
        // as a power cut leaves it: the identity moved, the rest not yet
        Files.createDirectories(keeper);
        Files.move(path.resolve("identity"), keeper.resolve("identity"));
        try (DataDirectory fresh = DataDirectory.open(path)) {
            assertEquals(Optional.of(keeper), fresh.setAside());
        }
        assertEquals(List.of("admin-api.key", "db", "identity", "logs", DataDirectory.MARKER), names(keeper));
    }

    @Test
    void theNodesSetAsideAreListedWithTheirSizeAndDeletedForGoodOnlyWhenAskedAndNoNodeRunsFromThem() throws Exception {
        Path path = aNodesDirectory();
        new StartOver(path).ask(NOON);
        try (DataDirectory fresh = DataDirectory.open(path)) {
            Path keeper = fresh.setAside().orElseThrow();
            KeptNode node = new KeptNode(keeper, NOON.instant(), "the old node's key".length() + "its peers and grants".length()
                    + "its API key".length() + Files.size(keeper.resolve(DataDirectory.MARKER)));
            assertEquals(List.of(node), fresh.keptNodes());
            assertEquals("before-start-over-20261207-120000", node.name());

            Path next = new StartOver(path).ask(Clock.offset(NOON, Duration.ofDays(1)));
            Files.createDirectories(next); // a move begun and cut short: it goes on at the next open, so it is no node to delete
            assertEquals(List.of(node), fresh.keptNodes());
            for (String other : List.of(next.getFileName().toString(), "db", "../node", DataDirectory.PLUGINS)) {
                IOException refused = assertThrows(IOException.class, () -> fresh.deleteKeptNode(other));
                assertEquals("No node was set aside in '" + other + "' here (peerdesk start-over list shows those that were).",
                        refused.getMessage());
            }
            assertTrue(fresh.keepThisNode());
            Files.delete(next);

            try (DataDirectory runningAgain = DataDirectory.open(keeper)) {
                IOException refused = assertThrows(IOException.class, () -> fresh.deleteKeptNode(node.name()));
                assertEquals("A node runs from " + keeper + "; stop it first.", refused.getMessage());
                assertTrue(Files.exists(runningAgain.resolve("identity", "node.key")));
            }
            assertEquals(node.name(), fresh.deleteKeptNode(node.name()).name(), "the node it was, with what it held then");
            assertFalse(Files.exists(keeper));
            assertEquals(List.of(), fresh.keptNodes());
            assertEquals(List.of(DataDirectory.DOWNLOADS, DataDirectory.LOCK, DataDirectory.MARKER, DataDirectory.PLUGINS,
                    DataDirectory.RUNTIME), names(path), "nothing else goes");
        }
    }

    @Test
    void aDamagedRequestIsReportedAndNothingMoves() throws Exception {
        Path path = aNodesDirectory();
        Files.writeString(path.resolve(StartOver.ASKED), "../../elsewhere\n");
        DataDirectoryException refused = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(path));
        assertTrue(refused.getMessage().contains("remove " + path.resolve(StartOver.ASKED)), refused.getMessage());
        assertEquals("the old node's key", Files.readString(path.resolve("identity/node.key")));
        assertFalse(Files.exists(home.resolve("elsewhere")));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
