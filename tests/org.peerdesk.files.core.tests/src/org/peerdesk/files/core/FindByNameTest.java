package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.FileEntry;

/** Finding files by name in a share's index: every word, any case, only below the folder a grant reaches. */
class FindByNameTest extends ServedShareTest {

    @Test
    void namesHoldingEveryWordAreFoundInAnyCaseBelowTheGivenFolderOnly() throws Exception {
        Path folder = team.folder();
        write(folder.resolve("reports/Budget 2026.ods"));
        write(folder.resolve("reports/old/budget-2025.ods"));
        write(folder.resolve("reports-old/budget.ods"));
        Files.createDirectories(folder.resolve("Budgets"));
        write(folder.resolve("notes.txt"));
        write(folder.resolve("reports/gone budget.ods"));
        ana.registry.rescanById(team.id());
        Files.delete(folder.resolve("reports/gone budget.ods"));
        ana.registry.rescanById(team.id());

        assertEquals(List.of("Budgets", "reports-old/budget.ods", "reports/Budget 2026.ods", "reports/old/budget-2025.ods"),
                paths("", List.of("budget")), "folders too, files removed since never");
        assertEquals(List.of("reports/Budget 2026.ods", "reports/old/budget-2025.ods"), paths("reports", List.of("budget")),
                "reports-old is beside reports, not in it");
        assertEquals(List.of("reports/old/budget-2025.ods"), paths("", List.of("budget", "2025")), "every word");
        assertEquals(List.of("reports/old/budget-2025.ods"), paths("reports/old/budget-2025.ods", List.of("budget")),
                "a grant on one file reaches that file");
        assertEquals(List.of("Budgets"), ana.index.find(team.id(), "", List.of("budget"), 1).stream().map(FileEntry::path).toList(),
                "at most as many as asked for");
        assertEquals(List.of(), paths("", List.of("%")), "a LIKE wildcard is a character like any other");
    }

    @Test
    void whatTheRulesCameToLeaveOutAfterItWasIndexedIsServedToNobodyYetStillToldToSync() throws Exception {
        write(team.folder().resolve("secret/plan.txt"));
        ana.registry.rescanById(team.id());
        long filesWithIt = ana.registry.share("team").orElseThrow().index().files();
        Files.writeString(team.folder().resolve(IgnoreRules.FILE), "secret/\n");
        ana.registry.rescanById(team.id());
        assertEquals(List.of("secret/plan.txt"), paths("", List.of("plan")), "the index keeps it");
        assertEquals(filesWithIt, ana.registry.share("team").orElseThrow().index().files(),
                "the share counts the rules file, not the file they leave out");

        try (FilesClient client = new FilesClient(ana.serveFiles(FilesFixture.peer(2)))) {
            assertEquals(List.of(IgnoreRules.FILE, "a.txt", "b.txt", "c.txt", "d.txt"),
                    client.list("team", "", "", 100).items().stream().map(FileEntry::path).toList(), "not listed");
            assertEquals("There is nothing at 'team/secret'.",
                    assertThrows(FilesWire.RemoteError.class, () -> client.list("team", "secret", "", 100)).getMessage(),
                    "an ignored folder is not there for peers, not even as a name");
            assertEquals("'team/a.txt' is a file, not a folder.",
                    assertThrows(FilesWire.RemoteError.class, () -> client.list("team", "a.txt", "", 100)).getMessage());
            assertEquals("There is nothing at 'team/no/such'.",
                    assertThrows(FilesWire.RemoteError.class, () -> client.list("team", "no/such", "", 100)).getMessage());
            assertEquals(List.of(), client.manifests("team", "secret", "", 100).items(), "not offered for download");
            Manifest plan = client.changesSince("team", 0).files().get("secret/plan.txt");
            assertTrue(plan != null, "still told to a peer in sync, so that it does not take it for deleted");
            assertTrue(assertThrows(FilesWire.RemoteError.class, () -> client.requestBlocks("team", plan, 0, 1)).getMessage()
                    .contains("There is no file 'secret/plan.txt'"), "its bytes are not served");
        }
    }

    @Test
    void searchesOutsideTheLimitsAreRefusedWithAReason() {
        assertTrue(assertThrows(InvalidInputException.class, () -> SearchWords.of("   ")).getMessage().startsWith("Say what to search for"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SearchWords.of("a b c d e f g h i")).getMessage().contains("at most 8 words"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SearchWords.of("x".repeat(201))).getMessage().contains("at most 200 characters"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SearchWords.of("bad\u0000word")).getMessage().contains("control characters"));
    }

    @Test
    void wordsAreTakenInLowerCaseOnceEach() throws Exception {
        assertEquals(List.of("budget", "2026"), SearchWords.of("  Budget   2026 budget "));
    }

    @Test
    void aFindRequestForTooManyEntriesIsRefusedBeforeAnyoneLooks() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FilesWire.FIND);
            out.writeUTF("budget");
            out.writeInt(FilesWire.MAX_PAGE + 1);
        }
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> FilesWire.readRequest(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertTrue(refused.getMessage().startsWith("A search finds 1 to 1000 entries"), refused.getMessage());
    }

    private List<String> paths(String under, List<String> words) throws Exception {
        return ana.index.find(team.id(), under, words, 100).stream().map(FileEntry::path).toList();
    }

    private static void write(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, file.getFileName().toString());
    }
}
