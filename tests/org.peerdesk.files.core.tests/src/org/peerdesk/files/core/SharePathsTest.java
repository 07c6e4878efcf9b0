package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;

/** Paths from peers and users never leave the share, whatever their form; ignore rules read like .gitignore. */
class SharePathsTest {

    @TempDir
    Path home;

    @Test
    void traversalInEveryFormIsRefused() throws Exception {
        for (String bad : List.of("..", "../etc/passwd", "docs/../../x", "/etc/passwd", "C:/Windows", "a//b", "./a", "a/./b",
                "a\\..\\b", "a/\u0000b", "name\nwith-newline", "x".repeat(256))) {
            assertThrows(InvalidInputException.class, () -> SharePaths.normalize(bad), bad);
        }
        assertEquals("a/b", SharePaths.normalize("a/b/"));
        assertEquals("", SharePaths.normalize(""));
    }

    @Test
    void encodedDotsAreJustNamesAndStayInside() throws Exception {
        Path root = Files.createDirectories(home.resolve("share"));
        Path resolved = SharePaths.resolve(root, "%2e%2e/%2e%2e/etc");
        assertTrue(resolved.startsWith(root), resolved.toString());
        assertEquals(root.resolve("%2e%2e/%2e%2e/etc"), resolved);
    }

    @Test
    void aSymbolicLinkOutOfTheShareIsNeverFollowed() throws Exception {
        Path root = Files.createDirectories(home.resolve("share"));
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        InvalidInputException viaFolder = assertThrows(InvalidInputException.class,
                () -> SharePaths.resolve(root, "escape/secret.txt"));
        assertTrue(viaFolder.getMessage().contains("symbolic link"), viaFolder.getMessage());
        assertThrows(InvalidInputException.class, () -> SharePaths.resolve(root, "secret-link.txt"));
        assertEquals(root.resolve("new/file.txt"), SharePaths.resolve(root, "new/file.txt"));
    }

    @Test
    void ignoreRulesReadLikeGitignore() {
        IgnoreRules rules = IgnoreRules.parse(List.of("# build output", "*.tmp", "build/", "/top-only.txt", "docs/**/draft-*",
                "!keep.tmp", ""));
        assertTrue(rules.ignores("a.tmp", false));
        assertTrue(rules.ignores("deep/down/b.tmp", false));
        assertFalse(rules.ignores("keep.tmp", false));
        assertTrue(rules.ignores("build", true));
        assertFalse(rules.ignores("build", false), "folders-only pattern on a file");
        assertTrue(rules.ignores("top-only.txt", false));
        assertFalse(rules.ignores("sub/top-only.txt", false));
        assertTrue(rules.ignores("docs/draft-1", false));
        assertTrue(rules.ignores("docs/a/b/draft-2", false));
        assertFalse(rules.ignores("other/draft-1", false));
        assertTrue(rules.ignores(".peerdesk/trash/x", false), "Peerdesk's own folder");
        assertTrue(rules.ignores("sub/.big.iso.peerdesk-part", false), "partial downloads");
        assertFalse(IgnoreRules.NONE.ignores("readme.md", false));
    }

    @Test
    void rulesAreKnownByAFingerprintThatOnlyTheirPatternsMake() {
        String rules = IgnoreRules.parse(List.of("*.tmp", "videos/")).fingerprint();
        assertEquals(rules, IgnoreRules.parse(List.of("# scratch", "  *.tmp", "", "videos/  ")).fingerprint(), "comments and blanks aside");
        assertNotEquals(rules, IgnoreRules.parse(List.of("*.tmp")).fingerprint());
        assertNotEquals(rules, IgnoreRules.parse(List.of("videos/", "*.tmp")).fingerprint(), "the last pattern decides, so order counts");
        assertEquals("", IgnoreRules.parse(List.of("# nothing yet")).fingerprint());
        assertEquals("", IgnoreRules.NONE.fingerprint());
    }

    @Test
    void aPathFromElsewhereIsLeftOutWhereAFolderItIsInIs() {
        IgnoreRules rules = IgnoreRules.parse(List.of("build/", "*.tmp", "/videos"));
        assertTrue(rules.leavesOut("build/out/app.jar", false), "in an ignored folder, however deep");
        assertTrue(rules.leavesOut("src/build/x.o", false));
        assertTrue(rules.leavesOut("videos/holiday.mp4", false), "an anchored pattern without a slash at its end names a folder too");
        assertTrue(rules.leavesOut("notes/scratch.tmp", false));
        assertFalse(rules.leavesOut("src/builder/x.o", false));
        assertFalse(rules.leavesOut("docs/videos/holiday.mp4", false), "anchored at the share's top");
        assertFalse(rules.leavesOut("build", false), "a file named like a folders-only pattern");
        assertTrue(rules.leavesOut("build", true));
        assertTrue(rules.leavesOut(".peerdesk/trash/x", false));
    }
}
