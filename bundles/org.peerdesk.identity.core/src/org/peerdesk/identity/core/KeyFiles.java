package org.peerdesk.identity.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * PEM files written the safe way: readable by the owner only, written to a temporary file, forced
 * to disk and moved into place, so a crash leaves the old file or the new one, never half of one.
 */
final class KeyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private KeyFiles() {
    }

    static void createPrivateDirectory(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (supportsPosix(folder)) {
            Files.setPosixFilePermissions(folder, OWNER_ONLY_DIRECTORY);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The type and bytes of the single PEM block in {@code text}. */
    static Pem readPem(String text) throws IOException {
        String trimmed = text.strip();
        if (!trimmed.startsWith("-----BEGIN ")) {
            throw new IOException("not a PEM file");
        }
        int typeEnd = trimmed.indexOf("-----", 11);
        if (typeEnd < 0) {
            throw new IOException("damaged PEM header");
        }
        String type = trimmed.substring(11, typeEnd);
        String footer = "-----END " + type + "-----";
        int end = trimmed.indexOf(footer);
        if (end < 0) {
            throw new IOException("damaged PEM file: no end line");
        }
        try {
            return new Pem(type, Base64.getMimeDecoder().decode(trimmed.substring(typeEnd + 5, end)));
        } catch (IllegalArgumentException e) {
            throw new IOException("damaged PEM file: " + e.getMessage(), e);
        }
    }

    record Pem(String type, byte[] bytes) {
    }

    static void writeSecret(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            if (supportsPosix(file.getParent())) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(temporary);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + file, e);
        }
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    static boolean isOwnerOnly(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return true;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
