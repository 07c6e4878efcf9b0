package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;
import org.peerdesk.storage.StorageException;

/**
 * The index follows the folder: new, changed and removed files, never re-hashing what did not change,
 * and never a file as it was while it changed.
 */
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

        Scanner.Report first = node.scanner.scan(share.id(), share.folder(), () -> { });
        assertEquals(big.length + 5 + 6, first.hashedBytes());
        Manifest manifest = node.index.manifest(share.id(), "big.bin").orElseThrow();
        assertEquals(Manifest.MIN_BLOCK, manifest.blockSize());
        assertEquals(25, manifest.blocks());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(big, 24 * Manifest.MIN_BLOCK, big.length - 24 * Manifest.MIN_BLOCK);
        assertTrue(manifest.matches(24, sha.digest()), "the last, short block's hash");
        assertEquals(List.of("notes", ".peerdeskignore", "big.bin"), names(node.registry.list("docs", "", "", 100)));
        assertEquals(List.of("a.txt"), names(node.registry.list("docs", "notes", "", 100)));

        Scanner.Report unchanged = node.scanner.scan(share.id(), share.folder(), () -> { });
        assertEquals(0, unchanged.hashedBytes(), "nothing changed, nothing hashed");
        assertEquals(0, unchanged.changed() + unchanged.removed());

        Files.writeString(share.folder().resolve("notes/a.txt"), "alpha, edited");
        Files.delete(share.folder().resolve("big.bin"));
        Scanner.Report changed = node.scanner.scan(share.id(), share.folder(), () -> { });
        assertEquals(13, changed.hashedBytes());
        assertEquals(1, changed.removed());
        assertEquals(List.of("notes", ".peerdeskignore"), names(node.registry.list("docs", "", "", 100)));
    }

    @Test
    void aFileCutShortWhileItIsHashedIsLeftForTheNextScanAndTheRestIsIndexed() throws Exception {
        ShareRegistry.ShareRoot share = node.share("docs");
        Path shrinking = share.folder().resolve("shrinking.bin");
        Files.write(shrinking, new byte[64 * 1024]);
        for (int i = 0; i < 3; i++) {
            Files.writeString(share.folder().resolve("note" + i + ".txt"), "note " + i);
        }
        AtomicBoolean cut = new AtomicBoolean();
        ExecutorService cutsFirst = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread thread, Runnable task) {
                if (cut.compareAndSet(false, true)) {
                    try {
                        Files.write(shrinking, new byte[10]); // after the walk saw 64 KiB, before any file is read
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        try {
            Scanner.Report report = new Scanner(node.index, new BlockHasher(cutsFirst)).scan(share.id(), share.folder(), () -> { });
            assertEquals(3 * 6, report.hashedBytes(), "the three notes");
            assertTrue(node.index.manifest(share.id(), "shrinking.bin").isEmpty(), "not indexed as it was nor half-read");
            assertEquals(List.of("note0.txt", "note1.txt", "note2.txt"), names(node.registry.list("docs", "", "", 100)));
        } finally {
            cutsFirst.shutdownNow();
        }

        node.scanner.scan(share.id(), share.folder(), () -> { });
        assertEquals(10, node.index.manifest(share.id(), "shrinking.bin").orElseThrow().entry().size(), "the next scan sees it as it is");
    }

    @Test
    void aLongScanTellsOfEachBatchAsItIsWritten() throws Exception {
        ShareRegistry.ShareRoot share = node.share("many");
        for (int i = 0; i < 2500; i++) {
            Files.writeString(share.folder().resolve("f" + i + ".txt"), "file " + i);
        }
        List<Long> indexedWhenTold = new ArrayList<>();
        node.scanner.scan(share.id(), share.folder(), () -> {
            try {
                indexedWhenTold.add(node.index.totals(share.id(), IgnoreRules.NONE)[0]);
            } catch (StorageException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of(1000L, 2000L), indexedWhenTold, "told of each whole batch; the rest is told by the end of the scan");
        assertEquals(2500, node.index.totals(share.id(), IgnoreRules.NONE)[0]);
    }

    @Test
    void aPartialFileNothingWroteToForAWeekIsDeletedAndAYoungerOneIsKeptForItsRetry() throws Exception {
        ShareRegistry.ShareRoot share = node.share("docs");
        Path givenUp = share.folder().resolve("videos/.holiday.mp4" + IgnoreRules.PART_SUFFIX);
        Path resumable = share.folder().resolve(".report.pdf" + IgnoreRules.PART_SUFFIX);
        Path oldFile = share.folder().resolve("videos/old" + IgnoreRules.PART_SUFFIX.replace('.', '-'));
        Files.createDirectories(givenUp.getParent());
        for (Path file : List.of(givenUp, resumable, oldFile)) {
            Files.writeString(file, "what arrived");
        }
        Instant now = Instant.now();
        Files.setLastModifiedTime(givenUp, FileTime.from(now.minus(Scanner.PARTS_KEPT).minus(Duration.ofHours(1))));
        Files.setLastModifiedTime(resumable, FileTime.from(now.minus(Scanner.PARTS_KEPT).plus(Duration.ofHours(1))));
        Files.setLastModifiedTime(oldFile, FileTime.from(now.minus(Duration.ofDays(400))));

        node.scanner.scan(share.id(), share.folder(), () -> { });
        assertFalse(Files.exists(givenUp), "given up");
        assertTrue(Files.exists(resumable), "a retry may still resume from it");
        assertTrue(Files.exists(oldFile), "a user's file, however old, is never touched");
        assertTrue(node.index.manifest(share.id(), "videos/old-peerdesk-part").isPresent(), "and it is indexed like any other");
        assertTrue(node.index.manifest(share.id(), ".report.pdf" + IgnoreRules.PART_SUFFIX).isEmpty(), "partial files never are");
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
