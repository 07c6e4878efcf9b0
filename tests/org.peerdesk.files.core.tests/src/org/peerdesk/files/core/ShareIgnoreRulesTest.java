package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.files.FilesException;

/** A share's ignore rules set through the share service: written whole, taken up by the index at once, taken back. */
class ShareIgnoreRulesTest {

    @TempDir
    Path home;
    private FilesFixture node;
    private Path folder;

    @BeforeEach
    void start() throws Exception {
        node = new FilesFixture(home);
        folder = node.share("docs").folder();
        Files.writeString(folder.resolve("plan.txt"), "the plan");
        Files.writeString(folder.resolve("scratch.tmp"), "scratch");
        Files.createDirectories(folder.resolve("build"));
        Files.writeString(folder.resolve("build/app.jar"), "built");
        node.registry.rescan("docs");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void rulesSetAreTheShareFileAndTheIndexLeavesOutWhatTheyNameAtOnce() throws Exception {
        assertEquals("", node.registry.ignoreRules("docs"), "none yet");
        assertEquals(3, files());

        node.registry.setIgnoreRules("docs", "*.tmp\nbuild/");
        assertEquals("*.tmp\nbuild/\n", Files.readString(folder.resolve(IgnoreRules.FILE)));
        assertEquals("*.tmp\nbuild/\n", node.registry.ignoreRules("docs"));
        assertEquals(2, files(), "plan.txt and the rules file itself");
        try (Stream<Path> left = Files.list(folder)) {
            assertTrue(left.noneMatch(path -> path.getFileName().toString().endsWith(IgnoreRules.PART_SUFFIX)), "nothing half-written is left");
        }

        Files.writeString(folder.resolve("build/more.jar"), "built while ignored");
        node.registry.setIgnoreRules("docs", " \n");
        assertFalse(Files.exists(folder.resolve(IgnoreRules.FILE)), "blank rules remove the file");
        assertEquals(4, files(), "what was left out, and what came while it was, is indexed again");
    }

    @Test
    void rulesTooLongOrWhereAFolderStandsAreRefusedAndAnUnknownShareIsNamed() throws Exception {
        FilesException tooLong = assertThrows(FilesException.class, () -> node.registry.setIgnoreRules("docs", "x".repeat(IgnoreFile.MAX_BYTES)));
        assertTrue(tooLong.getMessage().contains("more than the"), tooLong.getMessage());
        assertFalse(Files.exists(folder.resolve(IgnoreRules.FILE)));

        Files.createDirectories(folder.resolve(IgnoreRules.FILE));
        FilesException folderThere = assertThrows(FilesException.class, () -> node.registry.setIgnoreRules("docs", "*.tmp"));
        assertTrue(folderThere.getMessage().contains("is not a file of rules"), folderThere.getMessage());

        FilesException unknown = assertThrows(FilesException.class, () -> node.registry.ignoreRules("photos"));
        assertEquals("There is no share called 'photos'.", unknown.getMessage());
    }

    private long files() throws Exception {
        return node.registry.share("docs").orElseThrow().index().files();
    }
}
