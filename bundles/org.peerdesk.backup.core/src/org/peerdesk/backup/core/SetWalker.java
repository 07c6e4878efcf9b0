package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.peerdesk.core.FileModes;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.IoMessages;

/**
 * Finds what a set backs up: every folder, file and symbolic link under its folders that the
 * folder's {@code .peerdeskignore} does not leave out, with mode and time. Each folder appears in
 * snapshots under its own name (a second folder of the same name gets {@code -2}). What cannot be
 * read is reported, not fatal.
 */
final class SetWalker {

    /** A found entry and where it is on disk; {@code fileKey} tells a replaced file from an edited one. */
    record Found(TreeEntry entry, Path source, String fileKey) {
    }

    record Result(List<Found> found, List<String> problems) {
    }

    private SetWalker() {
    }

    static Result walk(List<Path> folders) {
        List<Found> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> tops = new HashSet<>();
        for (Path folder : folders) {
            String top = uniqueName(folder, tops);
            try {
                walkFolder(folder, top, IgnoreRules.in(folder), found, problems);
            } catch (IOException e) {
                problems.add(IoMessages.of(e)); // names the file it could not read
            }
        }
        found.sort(Comparator.comparing(each -> each.entry().path()));
        return new Result(found, problems);
    }

    private static String uniqueName(Path folder, Set<String> taken) {
        String base = folder.getFileName() == null ? "root" : folder.getFileName().toString();
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static void walkFolder(Path folder, String top, IgnoreRules ignore, List<Found> found, List<String> problems) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                String relative = relative(dir);
                if (!relative.isEmpty() && ignore.ignores(relative, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                add(dir, relative, TreeEntry.Type.FOLDER);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = relative(file);
                if (ignore.ignores(relative, false)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isRegularFile()) {
                    add(file, relative, TreeEntry.Type.FILE);
                } else if (attributes.isSymbolicLink()) {
                    add(file, relative, TreeEntry.Type.LINK);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                problems.add(file + ": " + failure.getMessage());
                return FileVisitResult.CONTINUE;
            }

            private String relative(Path path) {
                return folder.relativize(path).toString().replace('\\', '/');
            }

            private void add(Path path, String relative, TreeEntry.Type type) throws IOException {
                PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = relative.isEmpty() ? top : top + "/" + relative;
                long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                String target = type == TreeEntry.Type.LINK ? Files.readSymbolicLink(path).toString() : "";
                long size = type == TreeEntry.Type.FILE ? attributes.size() : 0;
                found.add(new Found(new TreeEntry(name, type, FileModes.of(attributes.permissions()), modified, size, List.of(), target),
                        path, String.valueOf(attributes.fileKey())));
            }
        });
    }
}
