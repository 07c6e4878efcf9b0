package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.RestoreResult;
import org.peerdesk.core.DirectWriter;
import org.peerdesk.core.FileModes;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.IoMessages;

/**
 * Writes a snapshot (or part of it) back to disk: folders, files with their content, modes and
 * times, symbolic links. Chunks are fetched ahead of the writing, a window at a time; each file is
 * written beside its place, past the page cache where it is large enough, and renamed into it only
 * when complete; links already in the target are replaced, never written through ({@link RestoreFolders}).
 * A file whose chunks no holder has is reported and skipped; the rest goes on.
 */
final class Restorer {

    private static final int AHEAD = 32;

    private final Fetcher fetcher;
    private final BackupProgress progress;
    private final List<String> problems = new ArrayList<>();

    Restorer(Fetcher fetcher, BackupProgress progress) {
        this.fetcher = fetcher;
        this.progress = progress;
    }

    /** The entries at {@code path} and under it ("" for all). */
    static List<TreeEntry> select(List<TreeEntry> tree, String path) {
        String prefix = normalized(path);
        return tree.stream().filter(entry -> prefix.isEmpty() || entry.path().equals(prefix)
                || entry.path().startsWith(prefix + "/")).toList();
    }

    /** A path in a snapshot as the user may give it ("/Peerdesk/", say), as the tree names it ("Peerdesk"). */
    static String normalized(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    RestoreResult restore(List<TreeEntry> entries, Path target) throws BackupException, InterruptedException {
        Path root = target.toAbsolutePath().normalize();
        long total = entries.stream().mapToLong(TreeEntry::size).sum();
        long done = 0;
        long files = 0;
        Deque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
        List<BlobId> queue = entries.stream().filter(entry -> entry.type() == TreeEntry.Type.FILE)
                .flatMap(entry -> entry.chunks().stream()).toList();
        int next = 0;
        RestoreFolders folders = new RestoreFolders(root);
        try {
            Files.createDirectories(root);
            for (TreeEntry entry : entries) {
                if (progress.cancelled()) {
                    throw new BackupException("Cancelled; the files restored so far are in place.");
                }
                Path place = place(root, entry.path());
                switch (entry.type()) {
                    case FOLDER -> folders.make(place);
                    case LINK -> {
                        folders.make(place.getParent());
                        link(place, entry);
                    }
                    case FILE -> {
                        folders.make(place.getParent());
                        Path part = place.resolveSibling("." + place.getFileName() + IgnoreRules.PART_SUFFIX);
                        Files.deleteIfExists(part);
                        boolean complete = true;
                        try (DirectWriter out = DirectWriter.create(part, entry.size())) {
                            for (int i = 0; i < entry.chunks().size(); i++) {
                                while (ahead.size() < AHEAD && next < queue.size()) {
                                    ahead.add(fetcher.fetch(queue.get(next++)));
                                }
                                byte[] content;
                                try {
                                    content = HolderLink.await(ahead.poll());
                                } catch (IOException e) {
                                    complete = false;
                                    problems.add(entry.path() + ": " + IoMessages.of(e));
                                    continue;
                                }
                                out.write(content);
                                done += content.length;
                                progress.advanced("Restoring", done, total);
                            }
                        }
                        if (!complete) {
                            Files.deleteIfExists(part);
                            continue;
                        }
                        Files.move(part, place, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        setAttributes(place, entry);
                        files++;
                    }
                    default -> throw new IllegalStateException(entry.type().toString());
                }
            }
            List<TreeEntry> deepestFirst = new ArrayList<>(entries.stream().filter(entry -> entry.type() == TreeEntry.Type.FOLDER).toList());
            deepestFirst.sort(Comparator.comparing(TreeEntry::path).reversed());
            for (TreeEntry folder : deepestFirst) {
                setAttributes(place(root, folder.path()), folder);
            }
        } catch (IOException e) {
            throw new BackupException("Could not restore into " + root + ": " + IoMessages.of(e), e);
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(fetcher.problems());
        return new RestoreResult(root, files, done, all);
    }

    /** Where an entry goes under the target; a path that would leave it is refused. */
    private static Path place(Path root, String path) throws IOException {
        Path place = root.resolve(path).normalize();
        if (!place.startsWith(root) || place.equals(root) && !path.isEmpty()) {
            throw new IOException("the snapshot names a path outside the target: " + path);
        }
        return place;
    }

    private static void link(Path place, TreeEntry entry) throws IOException {
        try {
            Files.createSymbolicLink(place, Path.of(entry.linkTarget()));
        } catch (FileAlreadyExistsException e) {
            Files.delete(place);
            Files.createSymbolicLink(place, Path.of(entry.linkTarget()));
        }
    }

    private static void setAttributes(Path place, TreeEntry entry) throws IOException {
        Files.setPosixFilePermissions(place, FileModes.permissions(entry.mode()));
        Files.getFileAttributeView(place, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(entry.modifiedNanos(), TimeUnit.NANOSECONDS), null, null);
    }
}
