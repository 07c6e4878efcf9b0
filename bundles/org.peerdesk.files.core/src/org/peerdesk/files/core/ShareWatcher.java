package org.peerdesk.files.core;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.peerdesk.core.IgnoreRules;

/**
 * Watches the shares' folders (every folder in them: the platform's watch service is not recursive)
 * and asks for a rescan of a share once its changes have been quiet for a moment. It keeps
 * {@link IndexFreshness} told which shares are wholly watched and which changed. Periodic rescans
 * catch what a watch misses (too many folders for the system's limit, changes during a restart).
 */
final class ShareWatcher implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ShareWatcher.class.getName());

    private final WatchService watchService;
    private final IndexFreshness freshness;
    private final Consumer<String> rescan;
    private final ScheduledExecutorService scheduler;
    private final long quietMillis;
    private final Map<WatchKey, Watched> keys = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Thread thread;

    private record Watched(String shareId, Path folder) {
    }

    ShareWatcher(IndexFreshness freshness, Consumer<String> rescan, ScheduledExecutorService scheduler, long quietMillis)
            throws IOException {
        this.watchService = FileSystems.getDefault().newWatchService();
        this.freshness = freshness;
        this.rescan = rescan;
        this.scheduler = scheduler;
        this.quietMillis = quietMillis;
        this.thread = Thread.ofPlatform().daemon().name("peerdesk-share-watcher").start(this::loop);
    }

    /** Starts watching a share's folder and every folder below it. */
    void watch(String shareId, Path root) {
        if (registerTree(shareId, root)) {
            freshness.watched(shareId);
        }
    }

    void unwatch(String shareId) {
        freshness.unwatched(shareId);
        keys.entrySet().removeIf(entry -> {
            if (entry.getValue().shareId().equals(shareId)) {
                entry.getKey().cancel();
                return true;
            }
            return false;
        });
    }

    /** Whether every folder of the tree is now watched; if not, the share is marked as not wholly watched. */
    private boolean registerTree(String shareId, Path root) {
        boolean[] whole = {true};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (dir.getFileName() != null && dir.getFileName().toString().equals(IgnoreRules.OWN_FOLDER)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    keys.put(dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY), new Watched(shareId, dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    whole[0] = false;
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot watch {0} ({1}); periodic rescans keep its index current", root, e.getMessage());
            whole[0] = false;
        }
        if (!whole[0]) {
            freshness.unwatched(shareId);
        }
        return whole[0];
    }

    private void loop() {
        while (true) {
            WatchKey key;
            try {
                key = watchService.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Watched watched = keys.get(key);
            boolean indexChanges = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path name && name.toString().endsWith(IgnoreRules.PART_SUFFIX)) {
                    continue; // a download under way, never indexed: only its rename into place is a change
                }
                indexChanges = true;
                if (watched != null && event.context() instanceof Path name
                        && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                        && Files.isDirectory(watched.folder().resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    registerTree(watched.shareId(), watched.folder().resolve(name));
                }
            }
            if (!key.reset()) {
                keys.remove(key);
            }
            if (watched != null && indexChanges) {
                changed(watched.shareId());
            }
        }
    }

    /** Rescans once the share has been quiet for a moment: a burst of changes costs one scan. */
    void changed(String shareId) {
        freshness.changed(shareId);
        pending.compute(shareId, (id, scheduled) -> {
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return scheduler.schedule(() -> {
                pending.remove(id);
                rescan.accept(id);
            }, quietMillis, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
