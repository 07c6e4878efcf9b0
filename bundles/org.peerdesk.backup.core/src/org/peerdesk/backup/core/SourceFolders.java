package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.FileTrees;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerdeskException;

/**
 * Where the sources a set takes write their data before each of its runs: a folder of the set's own under
 * {@code backup-sources} in the data directory, which the run backs up beside the set's folders as {@value #TOP}. Each
 * source writes anew into a folder apart, which then replaces its last files only where the write succeeded, so that a
 * source that fails or is not installed leaves its last files in the snapshot, never an empty folder; a file whose bytes
 * did not change is left as it was (its time and inode too), so that the run's cache skips it.
 */
final class SourceFolders {

    /** The folder the sources' data appears under in snapshots and restores: {@code Peerdesk/conversations/...}. */
    static final String TOP = "Peerdesk";
    private static final String WRITING = ".writing";

    /** The folder to back up with the set's own ({@link #TOP}), if the set takes any source, and what went wrong on the way. */
    record Prepared(Optional<Path> folder, List<String> problems) {
    }

    private final Path root;
    private final Sources sources;

    SourceFolders(Path root, Sources sources) {
        this.root = root;
        this.sources = sources;
    }

    /** Has each source the set takes write its data now; a source the set no longer takes loses its folder. */
    Prepared prepare(SetDefinition set) {
        Path top = folderOf(set.name()).resolve(TOP);
        List<String> problems = new ArrayList<>();
        try {
            Files.createDirectories(top);
            try (Stream<Path> written = Files.list(top)) {
                for (Path folder : written.toList()) {
                    if (!set.sources().contains(folder.getFileName().toString())) {
                        FileTrees.delete(folder);
                    }
                }
            }
        } catch (IOException e) {
            return new Prepared(Optional.empty(), List.of("The data of " + String.join(", ", set.sources()) + " could not be"
                    + " prepared for the snapshot: " + IoMessages.of(e)));
        }
        for (String name : set.sources()) {
            Optional<BackupSource> source = sources.named(name);
            if (source.isEmpty()) {
                problems.add("Nothing installed here backs up '" + name + "' now, so the snapshot keeps what was written for it last.");
                continue;
            }
            try {
                write(source.get(), top.resolve(name));
            } catch (IOException | PeerdeskException | RuntimeException e) {
                problems.add("The data of '" + name + "' could not be written for the snapshot (" + message(e)
                        + "), so it keeps what was written for it last.");
            }
        }
        return new Prepared(set.sources().isEmpty() ? Optional.empty() : Optional.of(top), problems);
    }

    /** Forgets what a set's sources wrote: the set is removed. */
    void remove(String set) throws IOException {
        Path folder = folderOf(set);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.delete(folder);
        }
    }

    private void write(BackupSource source, Path kept) throws IOException, PeerdeskException {
        Path writing = kept.getParent().resolveSibling(WRITING); // beside the top folder, never backed up
        if (Files.exists(writing, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.delete(writing); // a run stopped before it was done with it
        }
        Files.createDirectories(writing);
        try {
            source.write(writing);
            replace(writing, kept);
        } finally {
            if (Files.exists(writing, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.delete(writing);
            }
        }
    }

    /** Makes {@code kept} hold what {@code written} holds, moving in only the files whose bytes differ. */
    private static void replace(Path written, Path kept) throws IOException {
        Files.createDirectories(kept);
        List<Path> fresh;
        try (Stream<Path> walk = Files.walk(written)) {
            fresh = walk.filter(path -> !path.equals(written)).toList();
        }
        for (Path path : fresh) {
            Path target = kept.resolve(written.relativize(path).toString());
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    deleteIfThere(target);
                    Files.createDirectories(target);
                }
            } else if (!sameFile(path, target)) {
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.delete(target);
                }
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Set<String> wanted = new HashSet<>();
        fresh.forEach(path -> wanted.add(written.relativize(path).toString()));
        List<Path> old;
        try (Stream<Path> walk = Files.walk(kept)) {
            old = walk.filter(path -> !path.equals(kept)).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : old) {
            if (!wanted.contains(kept.relativize(path).toString())) {
                deleteIfThere(path);
            }
        }
    }

    private static boolean sameFile(Path written, Path kept) throws IOException {
        return Files.isRegularFile(kept, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(written, LinkOption.NOFOLLOW_LINKS)
                && Files.mismatch(written, kept) == -1;
    }

    private static void deleteIfThere(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.delete(path);
        } else {
            Files.deleteIfExists(path);
        }
    }

    /** The set's own folder, named by a hash of the set's name (which may hold anything a file name may not). */
    private Path folderOf(String set) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(set.getBytes(StandardCharsets.UTF_8));
            return root.resolve(HexFormat.of().formatHex(hash, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String message(Exception e) {
        return e instanceof IOException io ? IoMessages.of(io) : String.valueOf(e.getMessage());
    }
}
