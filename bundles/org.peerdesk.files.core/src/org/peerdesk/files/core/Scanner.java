package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.peerdesk.core.FileModes;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.storage.StorageException;

/**
 * Brings a share's index up to date with its folder: walks it without following links, skips what
 * the ignore rules name (what the index knew of it before stays, unserved; see {@link FileServer}),
 * compares size, time, mode and on-disk identity with the index, hashes only
 * what changed (on every core) and writes the changes in batches. A file that changes while it is
 * being hashed is left for the next scan. A partial file (of an upload, a download or a sync into the
 * share) that nothing wrote to for {@link #PARTS_KEPT} was given up, and the scan deletes it: it is
 * out of sight, but not out of the disk.
 */
final class Scanner {

    /** What a scan did. {@code problems} names what it had to leave out, such as unreadable files. */
    record Report(int changed, int removed, long hashedBytes, List<String> problems) {
    }

    /** How long a partial file nothing writes to is kept for a retry to resume from. */
    static final Duration PARTS_KEPT = Duration.ofDays(7);
    private static final System.Logger LOG = System.getLogger(Scanner.class.getName());
    private static final int BATCH = 1000;
    /** Files that one hashing task covers first, then the larger ones; by path within each. */
    private static final Comparator<Candidate> SMALL_FIRST_BY_PATH = Comparator
            .comparing((Candidate candidate) -> candidate.state.size() > BlockHasher.SEGMENT_BYTES)
            .thenComparing(Candidate::path);

    private final ShareIndex index;
    private final BlockHasher hasher;

    Scanner(ShareIndex index, BlockHasher hasher) {
        this.index = index;
        this.hasher = hasher;
    }

    private static void deleteGivenUp(List<Path> parts, List<String> problems) {
        for (Path part : parts) {
            try {
                Files.deleteIfExists(part);
                LOG.log(System.Logger.Level.INFO, "Deleted " + part + ": a partial file nothing wrote to for " + PARTS_KEPT.toDays() + " days");
            } catch (IOException e) {
                problems.add("a partial file given up could not be deleted: " + IoMessages.of(e));
            }
        }
    }

    /**
     * Brings the share's index up to date; {@code batchWritten} is told after each batch that is
     * written before the last, so that peers and views can take up what is indexed while the rest
     * is still being hashed.
     */
    Report scan(String shareId, Path root, Runnable batchWritten) throws IOException, StorageException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("The share's folder " + root + " is missing or not a folder; its index is kept as it was.");
        }
        Map<String, IndexedFile> known = index.snapshot(shareId);
        Walk walk = new Walk(root, IgnoreRules.in(root), known, FileTime.from(Instant.now().minus(PARTS_KEPT)));
        Files.walkFileTree(root, walk);
        deleteGivenUp(walk.givenUpParts, walk.problems);
        List<ShareIndex.Change> changes = new ArrayList<>(walk.folders);
        long hashedBytes = hashAndWrite(shareId, walk.toHash, changes, batchWritten);
        int removed = 0;
        for (Map.Entry<String, IndexedFile> entry : known.entrySet()) {
            String path = entry.getKey();
            // What the rules now leave out stays as the index knew it: to a peer in sync, its going would read as a deletion.
            if (!walk.seen.contains(path) && !walk.rules.leavesOut(path, entry.getValue().directory())) {
                changes.add(ShareIndex.Change.removed(path));
                removed++;
            }
        }
        index.apply(shareId, changes);
        return new Report(walk.changedFiles + walk.folders.size(), removed, hashedBytes, walk.problems);
    }

    /**
     * Hashes the changed files on the pool and writes them in batches in the order they are done, so
     * that a large file being hashed does not hold back writing the small ones hashed meanwhile. Small
     * files go to the pool first, by path: they are written while the large ones are hashed, and their
     * batches follow one another in path order (see {@link ShareIndex#apply}).
     */
    private long hashAndWrite(String shareId, List<Candidate> candidates, List<ShareIndex.Change> pending, Runnable batchWritten)
            throws StorageException {
        BlockingQueue<Hashed> done = new LinkedBlockingQueue<>();
        for (Candidate candidate : candidates.stream().sorted(SMALL_FIRST_BY_PATH).toList()) {
            hasher.hash(candidate.file, candidate.state.size(), candidate.blockSize)
                    .whenComplete((hashes, failure) -> done.add(new Hashed(candidate, hashes)));
        }
        long bytes = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Hashed hashed = next(done);
            Candidate candidate = hashed.candidate();
            // Unreadable, changed or vanished while or since being read: the next scan sees it as it is then.
            try {
                if (hashed.hashes() != null && candidate.stillAsSeen()) {
                    pending.add(new ShareIndex.Change(candidate.path, candidate.state, candidate.blockSize, hashed.hashes(), false));
                    bytes += candidate.state.size();
                }
            } catch (IOException e) {
                // gone before it could be looked at again: left out, as above
            }
            if (pending.size() >= BATCH) {
                index.apply(shareId, List.copyOf(pending));
                pending.clear();
                batchWritten.run();
            }
        }
        return bytes;
    }

    /** A candidate with its hashes, or null ones if it could not be read to the end. */
    private record Hashed(Candidate candidate, byte[] hashes) {
    }

    private static Hashed next(BlockingQueue<Hashed> done) throws StorageException {
        try {
            Hashed hashed = done.poll(1, TimeUnit.HOURS);
            if (hashed == null) {
                throw new StorageException("Hashing a file took more than an hour; the scan gave up.");
            }
            return hashed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("The scan was interrupted.", e);
        }
    }

    private record Candidate(Path file, String path, IndexedFile state, int blockSize) {

        boolean stillAsSeen() throws IOException {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return now.size() == state.size() && now.lastModifiedTime().to(TimeUnit.NANOSECONDS) == state.modifiedNanos();
        }
    }

    private static final class Walk extends SimpleFileVisitor<Path> {

        final Path root;
        final IgnoreRules rules;
        final Map<String, IndexedFile> known;
        final Set<String> seen = new HashSet<>();
        final List<Candidate> toHash = new ArrayList<>();
        final List<ShareIndex.Change> folders = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        /** Partial files last written before {@link #partsBefore}. */
        final List<Path> givenUpParts = new ArrayList<>();
        final FileTime partsBefore;
        int changedFiles;

        Walk(Path root, IgnoreRules rules, Map<String, IndexedFile> known, FileTime partsBefore) {
            this.root = root;
            this.rules = rules;
            this.known = known;
            this.partsBefore = partsBefore;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            String path = relative(dir);
            if (path == null || rules.ignores(path, true)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            IndexedFile state = state(true, attributes);
            seen.add(path);
            if (!state.equals(known.get(path))) {
                folders.add(new ShareIndex.Change(path, state, 0, new byte[0], false));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!attributes.isRegularFile()) {
                return FileVisitResult.CONTINUE; // links, devices, sockets are never shared
            }
            if (file.getFileName().toString().endsWith(IgnoreRules.PART_SUFFIX)) {
                if (attributes.lastModifiedTime().compareTo(partsBefore) < 0) {
                    givenUpParts.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
            String path = relative(file);
            if (path == null || rules.ignores(path, false)) {
                return FileVisitResult.CONTINUE;
            }
            IndexedFile state = state(false, attributes);
            seen.add(path);
            if (!state.equals(known.get(path))) {
                toHash.add(new Candidate(file, path, state, Manifest.blockSizeFor(state.size())));
                changedFiles++;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            String path = relative(file);
            if (path != null) {
                seen.add(path); // unreadable now is not removed: keep what the index knew
            }
            problems.add(file + ": " + e.getMessage());
            return FileVisitResult.CONTINUE;
        }

        /** The share-relative path, or null (with a problem noted) for a name peers could not take. */
        private String relative(Path file) {
            String path = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            try {
                SharePaths.checkName(file.getFileName().toString(), path);
                return path;
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
                return null;
            }
        }
    }

    /** Whether the file is still as {@code recorded}, as a scan would judge it (absent or unreadable: not). */
    static boolean stillAsRecorded(Path file, IndexedFile recorded) {
        try {
            BasicFileAttributes now = SharePaths.attributesIfExists(file);
            return now != null && state(now.isDirectory(), now).equals(recorded);
        } catch (IOException e) {
            return false;
        }
    }

    /** What the index compares of a file or folder, from its attributes. */
    static IndexedFile state(boolean directory, BasicFileAttributes attributes) {
        int mode = attributes instanceof PosixFileAttributes posix ? FileModes.of(posix.permissions()) : directory ? 0755 : 0644;
        Object key = attributes.fileKey();
        return new IndexedFile(directory, directory ? 0 : attributes.size(),
                attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), mode, key == null ? "" : key.toString());
    }
}
