package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;

/**
 * A share's {@code .peerdeskignore}, read and written whole. A new version replaces the old at once (written beside
 * it as a partial file, which no scan indexes, forced to disk, then renamed over it), so that no scan or sync round
 * reads half of it, and a crash leaves the old rules or the new ones.
 */
final class IgnoreFile {

    /** Far more than anyone writes by hand: the rules are read at every scan and sync round. */
    static final int MAX_BYTES = 64 * 1024;

    private IgnoreFile() {
    }

    static String read(Path shareFolder) throws IOException {
        try {
            return Files.readString(shareFolder.resolve(IgnoreRules.FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** Writes {@code rules} as the share's rules; blank rules remove the file. */
    static void write(Path shareFolder, String rules) throws IOException, InvalidInputException {
        Path file = shareFolder.resolve(IgnoreRules.FILE);
        if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(file + " is not a file of rules; move it away first.");
        }
        if (rules.isBlank()) {
            Files.deleteIfExists(file);
            return;
        }
        byte[] bytes = (rules.endsWith("\n") ? rules : rules + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("Ignore rules of " + bytes.length + " bytes are more than the " + MAX_BYTES + " they may take.");
        }
        Path part = shareFolder.resolve("." + IgnoreRules.FILE + IgnoreRules.PART_SUFFIX);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        PartFile.syncFolder(shareFolder);
    }
}
