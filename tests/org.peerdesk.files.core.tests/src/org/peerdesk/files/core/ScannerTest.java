package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;

/** The index follows the folder: new, changed and removed files, never re-hashing what did not change. */
class ScannerTest {

    @TempDir
    Path home;
    private FilesFixture node;

    @BeforeEach
    void start() throws Exception {
        node = new FilesFixture(home);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void indexesBlocksAndRescansOnlyWhatChanged() throws Exception {
        ShareRegistry.ShareRoot share = node.share("docs");
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(big);
        Files.write(share.folder().resolve("big.bin"), big);
        Files.createDirectories(share.folder().resolve("notes"));
        Files.writeString(share.folder().resolve("notes/a.txt"), "alpha");
        Files.writeString(share.folder().resolve("scratch.tmp"), "ignored");
        Files.writeString(share.folder().resolve(IgnoreRules.FILE), "*.tmp\n");
        Files.createSymbolicLink(share.folder().resolve("passwd"), Path.of("/etc/passwd"));

        Scanner.Report first = node.scanner.scan(share.id(), share.folder());
        assertEquals(big.length + 5 + 6, first.hashedBytes());
        Manifest manifest = node.index.manifest(share.id(), "big.bin").orElseThrow();
        assertEquals(Manifest.MIN_BLOCK, manifest.blockSize());
        assertEquals(25, manifest.blocks());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(big, 24 * Manifest.MIN_BLOCK, big.length - 24 * Manifest.MIN_BLOCK);
        assertTrue(manifest.matches(24, sha.digest()), "the last, short block's hash");
        assertEquals(List.of(".peerdeskignore", "big.bin", "notes"), names(node.registry.list("docs", "", "", 100)));
        assertEquals(List.of("a.txt"), names(node.registry.list("docs", "notes", "", 100)));

        Scanner.Report unchanged = node.scanner.scan(share.id(), share.folder());
        assertEquals(0, unchanged.hashedBytes(), "nothing changed, nothing hashed");
        assertEquals(0, unchanged.changed() + unchanged.removed());

        Files.writeString(share.folder().resolve("notes/a.txt"), "alpha, edited");
        Files.delete(share.folder().resolve("big.bin"));
        Scanner.Report changed = node.scanner.scan(share.id(), share.folder());
        assertEquals(13, changed.hashedBytes());
        assertEquals(1, changed.removed());
        assertEquals(List.of(".peerdeskignore", "notes"), names(node.registry.list("docs", "", "", 100)));
    }

    @Test
    void pagesFolderListings() throws Exception {
        ShareRegistry.ShareRoot share = node.share("many");
        for (int i = 0; i < 25; i++) {
            Files.writeString(share.folder().resolve(String.format("f%02d", i)), "x" + i);
        }
        node.registry.rescan("many");
        List<FileEntry> first = node.registry.list("many", "", "", 10);
        List<FileEntry> second = node.registry.list("many", "", first.get(9).name(), 10);
        assertEquals("f00", first.get(0).name());
        assertEquals("f10", second.get(0).name());
        assertEquals(5, node.registry.list("many", "", second.get(9).name(), 10).size());
    }

    @Test
    void refusesOverlappingSharesAndTheDataDirectory() throws Exception {
        ShareRegistry.ShareRoot share = node.share("docs");
        Path inside = Files.createDirectories(share.folder().resolve("inner"));
        FilesException overlap = assertThrows(FilesException.class, () -> node.registry.add("inner", inside));
        assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
        FilesException data = assertThrows(FilesException.class, () -> node.registry.add("keys", node.data.path()));
        assertTrue(data.getMessage().contains("data directory"), data.getMessage());
        assertThrows(FilesException.class, () -> node.registry.add("docs", Files.createDirectories(home.resolve("other"))));
        assertThrows(FilesException.class, () -> node.registry.add("../x", home.resolve("other")));
        node.registry.remove("docs");
        assertTrue(Files.isDirectory(inside), "removing a share leaves its files");
    }

    private static List<String> names(List<FileEntry> entries) {
        return entries.stream().map(FileEntry::name).toList();
    }
}
