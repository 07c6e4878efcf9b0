package org.peerdesk.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Whole folders on disk. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Why {@code folder} cannot be used as a folder to put things in, made if missing: a file stands where it, or a
     * folder above it, would have to be. Links are followed, as making the folder would follow them.
     */
    public static Optional<String> whyNoFolderAt(Path folder) {
        for (Path at = folder.toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.exists(at)) {
                return Files.isDirectory(at) ? Optional.empty() : Optional.of(at + " is a file. Name a folder (it is made if missing).");
            }
        }
        return Optional.empty();
    }

    /** The room the files under a folder take, without following links; what cannot be read counts for nothing. */
    public static long size(Path tree) throws IOException {
        long[] total = {0};
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                total[0] += attributes.isRegularFile() ? attributes.size() : 0;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException problem) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** Deletes a folder and everything in it, without following links (a link is deleted, not what it points to). */
    public static void delete(Path tree) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException problem) throws IOException {
                if (problem != null) {
                    throw problem;
                }
                Files.delete(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
