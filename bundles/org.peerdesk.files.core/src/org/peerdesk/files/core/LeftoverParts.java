package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.peerdesk.core.IgnoreRules;

/**
 * The partial files a download that will not go on left behind: the hidden part file of a single
 * file, or every part file in the folder a folder download went into. Nothing else is touched, and
 * links are not followed.
 */
final class LeftoverParts {

    private LeftoverParts() {
    }

    /** Deletes the part files of a download into {@code target}; how many bytes that freed. */
    static long discard(Path target) throws IOException {
        long freed = deleteIfPart(PartFile.of(target));
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return freed;
        }
        long[] inFolder = {0};
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && isPart(file)) {
                    inFolder[0] += deleteIfPart(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile, or not ours to read: nothing of this download
            }
        });
        return freed + inFolder[0];
    }

    private static boolean isPart(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(IgnoreRules.PART_SUFFIX);
    }

    private static long deleteIfPart(Path part) throws IOException {
        if (!Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long size = Files.size(part);
        Files.deleteIfExists(part);
        return size;
    }
}
