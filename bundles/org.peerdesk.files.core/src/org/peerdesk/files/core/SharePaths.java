package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;

/**
 * Paths inside a share, as they come from peers and users: relative, {@code /} between names. Nothing
 * here trusts them: {@link #normalize} refuses anything that could leave the share or that the local
 * file system cannot hold, and {@link #resolve} refuses to pass through a symbolic link.
 */
final class SharePaths {

    static final int MAX_PATH = 4096;
    static final int MAX_NAME_BYTES = 255;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SharePaths() {
    }

    /** The path with no leading or trailing slash; empty for the share's root. */
    static String normalize(String path) throws InvalidInputException {
        if (path == null) {
            throw new InvalidInputException("No path given.");
        }
        if (path.length() > MAX_PATH) {
            throw new InvalidInputException("A path is at most " + MAX_PATH + " characters long.");
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.isEmpty()) {
            return "";
        }
        if (trimmed.startsWith("/") || trimmed.matches("^[A-Za-z]:.*")) {
            throw new InvalidInputException("'" + printable(path) + "' is an absolute path; paths are relative to the share.");
        }
        for (String name : trimmed.split("/", -1)) {
            checkName(name, path);
        }
        return trimmed;
    }

    /** Refuses a single name that leaves its folder or that this machine's file system cannot hold. */
    static void checkName(String name, String path) throws InvalidInputException {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidInputException("'" + printable(path) + "' does not stay inside the share: it holds '..', '.' or an empty name.");
        }
        if (name.indexOf('\\') >= 0 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException("'" + printable(path) + "' holds a backslash or a control character.");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new InvalidInputException("'" + printable(name) + "' is longer than " + MAX_NAME_BYTES
                    + " bytes, more than the file system holds in one name.");
        }
        if (WINDOWS && (name.matches(".*[<>:\"|?*].*") || name.endsWith(".") || name.endsWith(" ")
                || WINDOWS_DEVICES.contains(name.split("\\.", 2)[0].toUpperCase(Locale.ROOT)))) {
            throw new InvalidInputException("'" + printable(name) + "' is not a valid file name on Windows.");
        }
    }

    /**
     * The file {@code path} names under {@code root}, refusing symbolic links anywhere below the root,
     * so that no name, however it came, reaches outside the share.
     */
    static Path resolve(Path root, String path) throws InvalidInputException, IOException {
        String normalized = normalize(path);
        Path current = root;
        if (normalized.isEmpty()) {
            return current;
        }
        for (String name : normalized.split("/")) {
            current = current.resolve(name);
            BasicFileAttributes attributes = attributesIfExists(current);
            if (attributes == null) {
                break;
            }
            if (attributes.isSymbolicLink()) {
                throw new InvalidInputException("'" + printable(path) + "' passes through a symbolic link, which a share never follows.");
            }
        }
        Path target = root.resolve(normalized).normalize();
        if (!target.startsWith(root)) {
            throw new InvalidInputException("'" + printable(path) + "' does not stay inside the share.");
        }
        return target;
    }

    /**
     * What {@code file} itself is (a link is not followed), or null if nothing is there. The JDK (up to
     * 25 at least) answers without an exception for an absent file only when it follows links; not
     * following them, it throws and catches one inside, which a dangling link leaves no way around.
     */
    static BasicFileAttributes attributesIfExists(Path file) throws IOException {
        return file.getFileSystem().provider().readAttributesIfExists(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The folder part of a normalized path ("" at the top). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** {@code folder/name}, or {@code name} at the top. */
    static String child(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
