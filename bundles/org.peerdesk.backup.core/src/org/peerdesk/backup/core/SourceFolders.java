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

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.FileTrees;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerdeskException;

/**
 * Where the sources a set takes write their data before each of its runs: a folder of the set's own under
 * {@code backup-sources} in the data directory, which the run backs up beside the set's folders as {@value #TOP}. Each
 * source writes anew into a folder apart, which then replaces its last files only where the write succeeded, so that a
 * source that fails or is not installed leaves its last files in the snapshot, never an empty folder; a file whose bytes
 * did not change is left as it was (its time and inode too), so that the run's cache skips it. A set recovered on this
 * machine keeps what they wrote on the one before it apart ({@link #carryOver}).
 */
final class SourceFolders {

    /** The folder the sources' data appears under in snapshots and restores: {@code Peerdesk/conversations/...}. */
    static final String TOP = "Peerdesk";
    /**
     * Where, in {@link #TOP}, what the sources wrote on the machine a set was recovered from goes on being kept (no source
     * is named so: it holds a space).
     */
    static final String EARLIER = "from earlier machines";
    private static final String WRITING = ".writing";
    private static final String RESTORING = ".restoring";

    /** Restores a snapshot's {@link #TOP} folder into a folder. */
    interface Restore {
        void into(Path folder) throws BackupException;
    }

    /** The folder to back up with the set's own ({@link #TOP}), if the set takes any source, and what went wrong on the way. */
    record Prepared(Optional<Path> folder, List<String> problems) {
    }

    private final Path root;
    private final Sources sources;

    SourceFolders(Path root, Sources sources) {
        this.root = root;
        this.sources = sources;
    }

    /**
     * Has each source the set takes write its data now; a source the set no longer takes loses its folder (what earlier
     * machines wrote stays, for when the set takes sources again).
     */
    Prepared prepare(SetDefinition set) {
        if (set.sources().isEmpty()) {
            return new Prepared(Optional.empty(), List.of());
        }
        Path top = folderOf(set.name()).resolve(TOP);
        List<String> problems = new ArrayList<>();
        try {
            Files.createDirectories(top);
            try (Stream<Path> written = Files.list(top)) {
                for (Path folder : written.toList()) {
                    String name = folder.getFileName().toString();
                    if (!name.equals(EARLIER) && !set.sources().contains(name)) {
                        FileTrees.delete(folder);
                    }
                }
            }
        } catch (IOException e) {
            return new Prepared(Optional.of(top).filter(Files::isDirectory), List.of("The data of " + String.join(", ", set.sources())
                    + " could not be written for the snapshot (" + IoMessages.of(e) + "), so it keeps what was written last."));
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
        return new Prepared(Optional.of(top), problems);
    }

    /**
     * Keeps, in every snapshot of a set recovered on this machine, what the sources wrote on the machines before it: their
     * files in the set's latest snapshot, restored under {@link #EARLIER} (each source's in a folder of its name), where the
     * sources here, which write this machine's data, leave them be.
     */
    void carryOver(String set, Restore restore) throws IOException, BackupException {
        Path folder = folderOf(set);
        Path restoring = folder.resolve(RESTORING);
        deleteIfThere(restoring);
        Files.createDirectories(restoring);
        try {
            restore.into(restoring);
            Path restored = restoring.resolve(TOP);
            Path earlier = folder.resolve(TOP).resolve(EARLIER);
            if (Files.isDirectory(restored.resolve(EARLIER), LinkOption.NOFOLLOW_LINKS)) {
                moveInto(restored.resolve(EARLIER), earlier); // the oldest first: where names meet, the newer file stays
            }
            try (Stream<Path> sources = Files.list(restored)) {
                for (Path source : sources.filter(path -> !path.getFileName().toString().equals(EARLIER)).toList()) {
                    moveInto(source, earlier.resolve(source.getFileName().toString()));
                }
            }
        } finally {
            deleteIfThere(restoring);
        }
    }

    /** Moves the files under {@code from} to the same places under {@code to}, in place of any there. */
    private static void moveInto(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
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
