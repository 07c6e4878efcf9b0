package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/** A change in a share's folders asks for a rescan; a download's part file, never indexed, does not. */
class ShareWatcherTest {

    private static final long QUIET_MILLIS = 50;

    @TempDir
    Path share;

    private final BlockingQueue<String> rescans = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private ShareWatcher watcher;

    @BeforeEach
    void watch() throws Exception {
        watcher = new ShareWatcher(rescans::add, scheduler, QUIET_MILLIS);
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
        assertNull(rescans.poll(20 * QUIET_MILLIS, TimeUnit.MILLISECONDS), "a part file changes nothing in the index");
        Files.writeString(share.resolve("report.txt"), "all of it");
        assertEquals("docs", rescans.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aFileInAFolderMadeAfterTheWatchStartedAsksForARescan() throws Exception {
        Path folder = Files.createDirectory(share.resolve("new"));
        assertEquals("docs", rescans.poll(10, TimeUnit.SECONDS)); // asked for once the new folder is watched too
        Files.writeString(folder.resolve("notes.txt"), "hello");
        assertEquals("docs", rescans.poll(10, TimeUnit.SECONDS));
    }
}
