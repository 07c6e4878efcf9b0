package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.core.PeerId;

/**
 * One run of a set: walk its folders, chunk what changed since the last run (unchanged files reuse
 * their chunks without being read), place every chunk the holders do not have yet, then store the
 * tree and the snapshot record. The snapshot is recorded only once every chunk it needs is held, so
 * no snapshot ever refers to a missing chunk; a run that stops early leaves its placed chunks known,
 * and the next run goes on from there.
 */
final class BackupRun {

    private static final int FILE_ATTEMPTS = 3;
    /**
     * A file changed this close to the start of the run may change again within the same tick of the
     * file system's clock, with its time unchanged: it is backed up, but read again next time.
     */
    private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long UNTRUSTED_TIME = Long.MIN_VALUE;

    private final Catalog catalog;
    private final VaultKeys keys;
    private final SetDefinition set;
    private final SourceFolders.Prepared sources;
    private final HolderLinks links;
    private final Uploader uploader;
    private final Function<PeerId, String> addresses;
    private final Clock clock;
    private final BackupProgress progress;
    private final Chunker chunker = new Chunker();
    private final Set<BlobId> needs = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private long done;
    private long total;
    private long settledBefore;

    BackupRun(Catalog catalog, VaultKeys keys, SetDefinition set, SourceFolders.Prepared sources, HolderLinks links, Uploader uploader,
            Function<PeerId, String> addresses, Clock clock, BackupProgress progress) {
        this.catalog = catalog;
        this.keys = keys;
        this.set = set;
        this.sources = sources;
        this.links = links;
        this.uploader = uploader;
        this.addresses = addresses;
        this.clock = clock;
        this.progress = progress;
    }

    /** Problems that did not stop the run: files that could not be read, holders that were offline. */
    /**
     * A folder of the set that is gone (the set recovered on a new machine, a drive not mounted) stops the run before it
     * makes a snapshot: one without the folder's files would become the latest, the one a restore takes unless told.
     */
    private void refuseMissingFolders() throws BackupException {
        List<String> missing = set.folders().stream().filter(folder -> !Files.isDirectory(java.nio.file.Path.of(folder))).toList();
        if (!missing.isEmpty()) {
            throw new BackupException(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not on this machine, so no"
                    + " snapshot was made (it would leave " + (missing.size() == 1 ? "that folder" : "them") + " out of the latest one)."
                    + " Restore " + (missing.size() == 1 ? "it" : "them") + " first, or change the set's folders.");
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    Snapshot run() throws BackupException, InterruptedException {
        refuseMissingFolders();
        Instant started = clock.instant();
        settledBefore = TimeUnit.SECONDS.toNanos(started.getEpochSecond()) + started.getNano() - RACY_NANOS;
        List<java.nio.file.Path> folders = new ArrayList<>(set.folders().stream().map(java.nio.file.Path::of).toList());
        sources.folder().ifPresent(folders::add); // last, so that the set's own folders keep their names in the snapshot
        SetWalker.Result walked = SetWalker.walk(folders);
        problems.addAll(sources.problems());
        problems.addAll(walked.problems());
        problems.addAll(links.unreachable());
        total = walked.found().stream().mapToLong(found -> found.entry().size()).sum();
        Map<String, Catalog.CachedFile> cache = catalog.cachedFiles(set.name());
        Map<String, Catalog.CachedFile> seen = new HashMap<>();
        List<TreeEntry> tree = new ArrayList<>(walked.found().size());
        try {
            for (SetWalker.Found found : walked.found()) {
                if (progress.cancelled()) {
                    // The chunks on their way are answered and recorded first, or the next run would send them again.
                    uploader.finish();
                    throw new BackupException("Cancelled. What was uploaded stays; the next run goes on from there.");
                }
                TreeEntry entry = found.entry();
                if (entry.type() == TreeEntry.Type.FILE) {
                    entry = chunked(found, cache, seen);
                    if (entry == null) {
                        continue;
                    }
                }
                tree.add(entry);
            }
            progress.advanced("Saving the snapshot", total, total);
            List<BlobId> treeChunks = placeAll(Records.encodeTree(tree));
            uploader.finish();
            int lost = (int) needs.stream().filter(chunk -> !uploader.isHeld(chunk)).count();
            if (lost > 0) {
                throw new BackupException(lost + " chunks could not be placed on any holder, so no snapshot was made. "
                        + reasons());
            }
            int underCopied = (int) needs.stream().filter(chunk -> uploader.copiesOf(chunk) < set.copies()).count();
            return commit(started, tree, treeChunks, underCopied, seen, cache);
        } finally {
            uploader.flush();
        }
    }

    /** The file's entry with its chunks, placing new ones; null if it could not be read. */
    private TreeEntry chunked(SetWalker.Found found, Map<String, Catalog.CachedFile> cache, Map<String, Catalog.CachedFile> seen)
            throws BackupException, InterruptedException {
        TreeEntry entry = found.entry();
        Catalog.CachedFile cached = cache.get(entry.path());
        if (cached != null && cached.size() == entry.size() && cached.modified() == entry.modifiedNanos()
                && cached.fileKey().equals(found.fileKey()) && cached.chunks().stream().allMatch(uploader::isHeld)) {
            needs.addAll(cached.chunks());
            seen.put(entry.path(), cached);
            advance(entry.size());
            return withChunks(entry, entry.size(), cached.chunks());
        }
        for (int attempt = 1; attempt <= FILE_ATTEMPTS; attempt++) {
            List<BlobId> chunks = new ArrayList<>();
            long[] size = {0};
            try (FileChannel in = FileChannel.open(found.source(), StandardOpenOption.READ)) {
                chunker.split(in, (buffer, offset, length) -> {
                    BlobId id = new BlobId(keys.chunkId(buffer, offset, length));
                    chunks.add(id);
                    size[0] += length;
                    try {
                        uploader.place(BackupWire.DATA, id, buffer, offset, length, keys);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    advance(length);
                });
                BasicFileAttributes after = Files.readAttributes(found.source(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                long modified = after.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                needs.addAll(chunks);
                if (after.size() == size[0] && modified == entry.modifiedNanos()) {
                    seen.put(entry.path(), new Catalog.CachedFile(size[0], modified < settledBefore ? modified : UNTRUSTED_TIME,
                            found.fileKey(), chunks));
                    return withChunks(entry, size[0], chunks);
                }
                if (attempt == FILE_ATTEMPTS) {
                    problems.add(found.source() + " kept changing while it was read; this snapshot has one of its versions");
                    return new TreeEntry(entry.path(), entry.type(), entry.mode(), modified, size[0], chunks, "");
                }
            } catch (NoSuchFileException e) {
                problems.add(found.source() + " was deleted during the run");
                return null;
            } catch (IOException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                problems.add(found.source() + ": " + e.getMessage());
                return null;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static TreeEntry withChunks(TreeEntry entry, long size, List<BlobId> chunks) {
        return new TreeEntry(entry.path(), entry.type(), entry.mode(), entry.modifiedNanos(), size, chunks, entry.linkTarget());
    }

    /** Cuts {@code content} into chunks and places them; returns their IDs. */
    private List<BlobId> placeAll(byte[] content) throws BackupException {
        List<BlobId> ids = new ArrayList<>();
        try {
            chunker.split(Channels.newChannel(new java.io.ByteArrayInputStream(content)), (buffer, offset, length) -> {
                BlobId id = new BlobId(keys.chunkId(buffer, offset, length));
                ids.add(id);
                try {
                    uploader.place(BackupWire.DATA, id, buffer, offset, length, keys);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            });
        } catch (IOException e) {
            throw new BackupException("Could not send the snapshot's tree: " + e.getMessage(), e);
        }
        needs.addAll(ids);
        return ids;
    }

    /** Stores the snapshot record on every holder online, then records the snapshot here. */
    private Snapshot commit(Instant started, List<TreeEntry> tree, List<BlobId> treeChunks, int underCopied,
            Map<String, Catalog.CachedFile> seen, Map<String, Catalog.CachedFile> cached) throws BackupException, InterruptedException {
        String id = HexFormat.of().formatHex(VaultKeys.randomId(), 0, 16);
        long files = tree.stream().filter(entry -> entry.type() == TreeEntry.Type.FILE).count();
        long bytes = tree.stream().mapToLong(TreeEntry::size).sum();
        Snapshot snapshot = new Snapshot(id, set.name(), started, files, bytes, uploader.uploadedBytes(), underCopied);
        BlobId root = new BlobId(VaultKeys.randomId());
        byte[] blob = Records.sealed(keys, root, new Records.SnapshotRecord(id, set, started.toEpochMilli(), files, bytes,
                snapshot.uploadedBytes(), treeChunks, Records.HolderAddress.of(set, addresses)));
        int stored = 0;
        for (PeerId holder : links.online()) {
            try {
                if (HolderLink.await(links.link(holder).orElseThrow().put(BackupWire.ROOT, root, blob)).stored()) {
                    stored++;
                }
            } catch (IOException | java.util.NoSuchElementException e) {
                problems.add("the snapshot record did not reach " + links.nameOf(holder) + ": " + e.getMessage());
            }
        }
        if (stored == 0) {
            throw new BackupException("No holder took the snapshot record, so no snapshot was made. " + reasons());
        }
        catalog.saveSnapshot(new Catalog.SnapshotRow(snapshot, root, treeChunks), needs, seen, cached);
        return snapshot;
    }

    private String reasons() {
        List<String> reasons = new ArrayList<>(problems.stream().filter(problem -> !problem.startsWith("/")).toList());
        uploader.refusals().forEach((holder, reason) -> reasons.add(links.nameOf(holder) + ": " + reason));
        return reasons.isEmpty() ? "" : "Holders: " + String.join("; ", reasons) + ".";
    }

    private void advance(long bytes) {
        done += bytes;
        progress.advanced("Backing up", done, total);
    }
}
