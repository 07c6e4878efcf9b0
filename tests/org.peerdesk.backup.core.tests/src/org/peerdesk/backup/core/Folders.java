package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Folders for backup tests: filled with known content, and described fully enough to compare two. */
final class Folders {

    private Folders() {
    }

    /** A big file, small files in nested folders, odd modes and times, an empty file and a symbolic link. */
    static Path fill(Path folder, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(folder.resolve("docs/deep/er"));
        write(folder.resolve("big.bin"), random, 6 << 20);
        for (int i = 0; i < 20; i++) {
            write(folder.resolve("docs/note-" + i + ".txt"), random, 1 + random.nextInt(20_000));
        }
        write(folder.resolve("docs/deep/er/script.sh"), random, 3000);
        Files.setPosixFilePermissions(folder.resolve("docs/deep/er/script.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.write(folder.resolve("empty"), new byte[0]);
        Files.createSymbolicLink(folder.resolve("link-to-notes"), Path.of("docs/note-1.txt"));
        Files.setLastModifiedTime(folder.resolve("big.bin"), FileTime.fromMillis(1_600_000_000_123L));
        Files.setLastModifiedTime(folder.resolve("docs/deep"), FileTime.fromMillis(1_500_000_000_000L));
        return folder;
    }

    static void write(Path file, Random random, int size) throws IOException {
        byte[] content = new byte[size];
        random.nextBytes(content);
        Files.write(file, content);
    }

    /** Every entry under {@code root}: type, mode, time and content digest, by relative path. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> description = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String relative = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    description.put(relative, "link " + Files.readSymbolicLink(path));
                    continue;
                }
                String kind = Files.isDirectory(path) ? "folder" : "file " + digest(path);
                description.put(relative, kind + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                        + (Files.isDirectory(path) && relative.isEmpty() ? "" : " " + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return description;
    }

    private static String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
