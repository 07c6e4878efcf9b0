package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.TextDiff;
import org.peerdesk.core.Utf8;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.FilesException;

/** The two versions of a file in conflict read and compared line by line, where both are text; anything else is refused with why. */
final class ConflictTexts {

    static final long MAX_BYTES = 4L << 20;
    static final int MAX_CHANGED_LINES = 5_000;

    private ConflictTexts() {
    }

    /** The unified diff of the conflict's original against its kept copy, both in the share's {@code folder}. */
    static String compare(Conflict conflict, Path folder) throws FilesException {
        try {
            List<String> original = lines(SharePaths.resolve(folder, conflict.path()), conflict.path());
            List<String> copy = lines(SharePaths.resolve(folder, conflict.copy()), conflict.copy());
            return TextDiff.of(original, copy, MAX_CHANGED_LINES).map(diff -> diff.unified(conflict.path(), conflict.copy()))
                    .orElseThrow(() -> new FilesException("'" + conflict.path() + "' and its kept copy differ in more than "
                            + MAX_CHANGED_LINES + " lines; open both to compare them."));
        } catch (IOException | InvalidInputException e) {
            throw new FilesException("Cannot compare the versions of '" + conflict.path() + "': " + IoMessages.of(e), e);
        }
    }

    private static List<String> lines(Path file, String path) throws FilesException {
        return text(read(file, path), path).lines().toList();
    }

    /** The content of one version, refused where it is not a file or holds more than {@link #MAX_BYTES}. */
    static byte[] read(Path file, String path) throws FilesException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new FilesException("'" + path + "' is not a file; open both versions to choose between them.");
            }
            if (attributes.size() > MAX_BYTES) {
                throw new FilesException("'" + path + "' holds " + ByteSizes.format(attributes.size()) + ", more than the "
                        + ByteSizes.format(MAX_BYTES) + " taken line by line here; open both versions to choose between them.");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FilesException("'" + path + "' is gone; refresh the conflicts.", e);
        } catch (IOException e) {
            throw new FilesException("Cannot read '" + path + "': " + IoMessages.of(e), e);
        }
    }

    /** The bytes as UTF-8 text, unless they hold a NUL or are not UTF-8: a binary file's "lines" mean nothing. */
    static String text(byte[] bytes, String path) throws FilesException {
        for (byte b : bytes) {
            if (b == 0) {
                throw notText(path);
            }
        }
        return Utf8.decode(bytes).orElseThrow(() -> notText(path));
    }

    private static FilesException notText(String path) {
        return new FilesException("'" + path + "' is not text (UTF-8) to take line by line; open both versions to choose between them.");
    }
}
