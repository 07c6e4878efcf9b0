package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.IgnoreRules;

/**
 * A change in a share's folders asks for a rescan and makes its index stale; a download's part file,
 * never indexed, does neither.
 */
class ShareWatcherTest {

    private static final long QUIET_MILLIS = 50;

    @TempDir
    Path share;
    @TempDir
    Path otherShare;

    private final BlockingQueue<String> rescans = new LinkedBlockingQueue<>();
    private final IndexFreshness freshness = new IndexFreshness();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private ShareWatcher watcher;

    @BeforeEach
    void watch() throws Exception {
        watcher = new ShareWatcher(freshness, rescans::add, scheduler, QUIET_MILLIS);
        watcher.watch("docs", share);
    }

    @AfterEach
    void stop() {
        watcher.close();
        scheduler.shutdownNow();
    }

    @Test
    void aPartFileComingAndGoingAsksForNoRescanButItsFileInPlaceDoes() throws Exception {
        Path part = Files.writeString(share.resolve(".report.txt" + IgnoreRules.PART_SUFFIX), "half of it");
        Files.writeString(part, "all of it");
        Files.delete(part);
        freshness.scanStarting("docs");
        assertNull(rescans.poll(20 * QUIET_MILLIS, TimeUnit.MILLISECONDS), "a part file changes nothing in the index");
        assertTrue(freshness.isFresh("docs"));
        Files.writeString(share.resolve("report.txt"), "all of it");
        assertEquals("docs", rescans.poll(10, TimeUnit.SECONDS));
        assertFalse(freshness.isFresh("docs"));
    }

    @Test
    void aWhollyWatchedShareIsFreshOnceAScanBeginsUntilSomethingInItChanges() throws Exception {
        Path deep = Files.createDirectories(otherShare.resolve("a/b"));
        watcher.watch("deep", otherShare);
        freshness.scanStarting("deep");
        assertTrue(freshness.isFresh("deep"));
        Files.writeString(deep.resolve("notes.txt"), "changed two folders down");
        assertEquals("deep", rescans.poll(10, TimeUnit.SECONDS));
        assertFalse(freshness.isFresh("deep"), "a change anywhere in the tree makes the index stale");
    }

    @Test
    void aShareThatIsNotWatchedIsNeverFresh() {
        freshness.scanStarting("elsewhere");
        assertFalse(freshness.isFresh("elsewhere"), "nothing would tell of its changes");
        freshness.scanStarting("docs");
        watcher.unwatch("docs");
        assertFalse(freshness.isFresh("docs"));
        freshness.scanStarting("docs");
        assertFalse(freshness.isFresh("docs"), "no longer watched, so no longer trusted");
    }

    @Test
    void aFileInAFolderMadeAfterTheWatchStartedAsksForARescan() throws Exception {
        Path folder = Files.createDirectory(share.resolve("new"));
        assertEquals("docs", rescans.poll(10, TimeUnit.SECONDS)); // asked for once the new folder is watched too
        Files.writeString(folder.resolve("notes.txt"), "hello");
        assertEquals("docs", rescans.poll(10, TimeUnit.SECONDS));
    }
}
