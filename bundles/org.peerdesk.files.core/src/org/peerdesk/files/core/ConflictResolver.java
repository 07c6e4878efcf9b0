package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.ConflictMerger;
import org.peerdesk.files.FilesException;

/**
 * The conflicts sync kept, and the user's choice for each: one version, the other, both, or the two merged into one by
 * a {@link ConflictMerger}. Whatever a choice replaces goes to the share's trash first, so no choice loses a version.
 */
final class ConflictResolver {

    private final ShareRegistry registry;
    private final SyncRows rows;
    private final Clock clock;
    private final ConflictMergers mergers;
    /** Told the name of a share whose files a choice changed. */
    private final Consumer<String> changed;

    ConflictResolver(ShareRegistry registry, SyncRows rows, Clock clock, ConflictMergers mergers, Consumer<String> changed) {
        this.registry = registry;
        this.rows = rows;
        this.clock = clock;
        this.mergers = mergers;
        this.changed = changed;
    }

    /**
     * The conflicts not yet resolved, newest first, each with the merger that would merge it. A conflict whose kept copy
     * is gone from the share was settled elsewhere (on the peer, whose choice sync brought here, or by hand) and is
     * forgotten.
     */
    List<Conflict> conflicts() throws FilesException {
        List<Conflict> open = new ArrayList<>();
        for (Conflict conflict : rows.conflicts()) {
            if (settledElsewhere(conflict)) {
                rows.removeConflict(conflict.id());
            } else {
                open.add(conflict.mergedBy(mergers.forPath(conflict.path()).map(ConflictMerger::label)));
            }
        }
        return open;
    }

    /** Whether the kept copy is gone, in a share whose folder is there: a missing folder says nothing of its files. */
    private boolean settledElsewhere(Conflict conflict) throws FilesException {
        Optional<ShareRegistry.ShareRoot> root = registry.root(conflict.share());
        if (root.isEmpty() || !Files.isDirectory(root.get().folder())) {
            return false;
        }
        try {
            return !Files.exists(SharePaths.resolve(root.get().folder(), conflict.copy()), LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidInputException | IOException e) {
            return false;
        }
    }

    void resolve(long conflictId, Conflict.Choice choice) throws FilesException {
        Conflict conflict = conflict(conflictId);
        ShareRegistry.ShareRoot root = root(conflict.share());
        Trash trash = new Trash(root.folder(), clock);
        try {
            Path original = SharePaths.resolve(root.folder(), conflict.path());
            Path copy = SharePaths.resolve(root.folder(), conflict.copy());
            switch (choice) {
                case KEEP_ORIGINAL -> trashIfThere(trash, copy, conflict.copy());
                case KEEP_COPY -> {
                    if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
                        throw new FilesException("The kept copy '" + conflict.copy() + "' is gone; nothing was changed.");
                    }
                    trashIfThere(trash, original, conflict.path());
                    Files.move(copy, original);
                }
                case KEEP_BOTH -> {
                }
                case MERGE -> merge(conflict, root.folder(), original, copy, trash);
            }
        } catch (IOException | InvalidInputException e) {
            throw new FilesException("Could not resolve the conflict over '" + conflict.path() + "': " + IoMessages.of(e), e);
        }
        rows.removeConflict(conflictId);
        registry.rescanById(root.id());
        changed.accept(root.name());
    }

    /**
     * Writes the merge of the two versions in the original's place: written whole and forced to disk beside the trash
     * first, then the original moved to the trash and the merge renamed into its place (the original put back if that
     * fails), then the copy moved to the trash. Nothing changes if the merger refuses.
     */
    private void merge(Conflict conflict, Path folder, Path original, Path copy, Trash trash) throws IOException, FilesException {
        ConflictMerger merger = mergers.forPath(conflict.path())
                .orElseThrow(() -> new FilesException("Nothing here merges '" + conflict.path() + "'; keep one version, or both."));
        byte[] merged = merged(merger, conflict.path(), ConflictTexts.read(original, conflict.path()), ConflictTexts.read(copy, conflict.copy()));
        Path written = Files.createTempFile(Files.createDirectories(folder.resolve(IgnoreRules.OWN_FOLDER)), "merging-", ".part");
        try {
            try (FileChannel out = FileChannel.open(written, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer content = ByteBuffer.wrap(merged);
                while (content.hasRemaining()) {
                    out.write(content);
                }
                out.force(true);
            }
            Files.setPosixFilePermissions(written, Files.getPosixFilePermissions(original, LinkOption.NOFOLLOW_LINKS));
            Path kept = trash.keep(original, conflict.path());
            try {
                Files.move(written, original, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(kept, original);
                throw e;
            }
            trash.keep(copy, conflict.copy());
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** What {@code merger} answers; a plugin's fault (a failure it did not explain, or no answer) is said, not thrown on. */
    private static byte[] merged(ConflictMerger merger, String path, byte[] original, byte[] copy) throws FilesException {
        byte[] merged;
        try {
            merged = merger.merge(path, original, copy);
        } catch (RuntimeException e) {
            throw new FilesException("\"" + merger.label() + "\" failed to merge '" + path + "' (" + e + "); nothing was changed.", e);
        }
        if (merged == null) {
            throw new FilesException("\"" + merger.label() + "\" gave no merge of '" + path + "'; nothing was changed.");
        }
        return merged;
    }

    String compare(long conflictId) throws FilesException {
        Conflict conflict = conflict(conflictId);
        return ConflictTexts.compare(conflict, root(conflict.share()).folder());
    }

    private Conflict conflict(long conflictId) throws FilesException {
        return conflicts().stream().filter(found -> found.id() == conflictId).findFirst()
                .orElseThrow(() -> new FilesException("There is no conflict " + conflictId + "."));
    }

    private ShareRegistry.ShareRoot root(String share) throws FilesException {
        return registry.root(share).orElseThrow(() -> new FilesException("There is no share called '" + share + "'."));
    }

    private static void trashIfThere(Trash trash, Path file, String path) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            trash.keep(file, path);
        }
    }
}
