package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;

/**
 * The files an upload sends: one file, or every regular file of a folder (links never followed, the
 * folder's own {@code .peerdeskignore} respected), each with the path it gets in the peer's share.
 */
final class LocalTree {

    /** A local file and where it goes in the peer's share. */
    record Item(Path file, String remotePath, long size) {
    }

    private LocalTree() {
    }

    /** What uploading {@code local} into {@code remoteFolder} (a path in the share, "" for its top) sends. */
    static List<Item> items(Path local, String remoteFolder) throws IOException, InvalidInputException {
        BasicFileAttributes top = Files.readAttributes(local, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = local.getFileName().toString();
        SharePaths.checkName(name, name);
        String base = SharePaths.child(remoteFolder, name);
        List<Item> items = new ArrayList<>();
        if (top.isRegularFile()) {
            items.add(new Item(local, base, top.size()));
            return items;
        }
        if (!top.isDirectory()) {
            throw new InvalidInputException("'" + local + "' is neither a file nor a folder (links are not uploaded).");
        }
        IgnoreRules rules = IgnoreRules.in(local);
        List<String> refused = new ArrayList<>();
        Files.walkFileTree(local, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                if (folder.equals(local)) {
                    return FileVisitResult.CONTINUE;
                }
                return rules.ignores(relative(folder), true) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String path = relative(file);
                if (attributes.isRegularFile() && !rules.ignores(path, false)) {
                    try {
                        items.add(new Item(file, SharePaths.child(base, SharePaths.normalize(path)), attributes.size()));
                    } catch (InvalidInputException e) {
                        refused.add(e.getMessage());
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            private String relative(Path file) {
                return local.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            }
        });
        if (!refused.isEmpty()) {
            throw new InvalidInputException(refused.size() + " names cannot travel, such as: " + refused.get(0));
        }
        return items;
    }
}
