package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The folders a restore writes into, made real under its target. A symbolic link found where the
 * snapshot has a folder is replaced by a folder (the link goes, never what it points to), as
 * {@code tar} does, so that a link left in the target cannot lead the restore's files elsewhere.
 * A file in a folder's place is left alone and the restore stops with its name.
 */
final class RestoreFolders {

    private final Path root;
    private final Set<Path> made = new HashSet<>();

    RestoreFolders(Path root) {
        this.root = root;
    }

    /** Makes {@code folder}, a path under the root, and every folder between them real folders. */
    void make(Path folder) throws IOException {
        if (folder.equals(root) || made.contains(folder)) {
            return;
        }
        Path current = root;
        for (Path name : root.relativize(folder)) {
            current = current.resolve(name);
            if (!made.contains(current)) {
                makeOne(current);
                made.add(current);
            }
        }
    }

    private void makeOne(Path folder) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            Files.createDirectory(folder);
            return;
        }
        if (attributes.isSymbolicLink()) {
            Files.delete(folder);
            Files.createDirectory(folder);
        } else if (!attributes.isDirectory()) {
            throw new IOException("the snapshot has a folder where " + folder + " is a file; move that file away and restore again");
        }
    }
}
