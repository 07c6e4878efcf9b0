package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.peerdesk.core.FileTrees;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IgnoreRules;

/**
 * A share's {@code .peerdesk/trash}: what peers deleted or replaced in the share, moved there instead
 * of lost, under a folder for the day ({@code .peerdesk/trash/2026-11-24/reports/q3.txt}). The scanner
 * never indexes it, so it is never shared; {@link #sweep} empties the days older than the keep time,
 * {@link #list} says what it keeps, and {@link #restore} puts a file back.
 */
final class Trash {

    static final String FOLDER = IgnoreRules.OWN_FOLDER + "/trash";
    private static final Pattern COUNTED = Pattern.compile("~[0-9]+$");

    private final Path root;
    private final Clock clock;

    Trash(Path shareRoot, Clock clock) {
        this.root = shareRoot.resolve(FOLDER);
        this.clock = clock;
    }

    /**
     * Moves {@code file} (at {@code path} in the share) into today's trash folder and returns where it went: at its path,
     * or with {@code ~N} added for the second and later that day, and always for a name that ends so already
     * ({@code backup~2} is kept as {@code backup~2~1}), so that the name it came from is never in doubt.
     */
    Path keep(Path file, String path) throws IOException {
        Path day = root.resolve(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
        Path kept = day.resolve(COUNTED.matcher(path).find() ? path + "~1" : path);
        for (int n = 2; Files.exists(kept, LinkOption.NOFOLLOW_LINKS); n++) {
            kept = day.resolve(path + "~" + n);
        }
        Files.createDirectories(kept.getParent());
        Files.move(file, kept);
        return kept;
    }

    /** A file kept: the day it came, where it is in that day's folder, the path it came from. */
    record Kept(LocalDate day, String kept, String path, long size, Instant modified) {
    }

    /** What the trash keeps, the newest day first, then by path; at most {@code most} files. */
    List<Kept> list(int most) throws IOException {
        List<Kept> found = new ArrayList<>();
        for (LocalDate day : days().reversed()) {
            Path folder = root.resolve(day.toString());
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                    if (found.size() == most) {
                        return found;
                    }
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String kept = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    found.add(new Kept(day, kept, originalPath(kept), attributes.size(), attributes.lastModifiedTime().toInstant()));
                }
            }
        }
        return found;
    }

    /**
     * Moves the file kept as {@code kept} on {@code day} back to the path it came from under {@code shareRoot};
     * what is there now comes to the trash in its place. Returns that path.
     */
    String restore(LocalDate day, String kept, Path shareRoot) throws IOException, InvalidInputException {
        Path file = SharePaths.resolve(root.resolve(day.toString()), kept);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("The trash keeps no file '" + SharePaths.printable(kept) + "' from " + day + ".");
        }
        String path = originalPath(SharePaths.normalize(kept));
        Path target = SharePaths.resolve(shareRoot, path);
        BasicFileAttributes there = SharePaths.attributesIfExists(target);
        if (there != null && there.isDirectory()) {
            throw new InvalidInputException("A folder is at '" + SharePaths.printable(path) + "' now; move it away first.");
        }
        if (there != null) {
            keep(target, path);
        }
        Files.createDirectories(target.getParent());
        Files.move(file, target);
        return path;
    }

    /** The path a file kept came from: its name in the trash without the {@code ~N} that {@link #keep} added. */
    private static String originalPath(String kept) {
        return COUNTED.matcher(kept).replaceFirst("");
    }

    /** The days the trash has a folder for, oldest first. */
    private List<LocalDate> days() throws IOException {
        List<LocalDate> days = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return days;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                try {
                    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                        days.add(LocalDate.parse(folder.getFileName().toString()));
                    }
                } catch (DateTimeParseException e) {
                    // not one of ours: left alone
                }
            }
        }
        days.sort(null);
        return days;
    }

    /** Removes the day folders older than {@code keep}. */
    void sweep(Duration keep) throws IOException {
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(keep), ZoneOffset.UTC);
        for (LocalDate day : days()) {
            if (day.isBefore(oldestKept)) {
                FileTrees.delete(root.resolve(day.toString()));
            }
        }
    }
}
