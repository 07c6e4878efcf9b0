package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.peerdesk.core.FileTrees;
import org.peerdesk.core.IgnoreRules;

/**
 * A share's {@code .peerdesk/trash}: what peers deleted or replaced in the share, moved there instead
 * of lost, under a folder for the day ({@code .peerdesk/trash/2026-11-24/reports/q3.txt}). The scanner
 * never indexes it, so it is never shared; {@link #sweep} empties the days older than the keep time.
 */
final class Trash {

    static final String FOLDER = IgnoreRules.OWN_FOLDER + "/trash";

    private final Path root;
    private final Clock clock;

    Trash(Path shareRoot, Clock clock) {
        this.root = shareRoot.resolve(FOLDER);
        this.clock = clock;
    }

    /** Moves {@code file} (at {@code path} in the share) into today's trash folder and returns where it went. */
    Path keep(Path file, String path) throws IOException {
        Path day = root.resolve(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
        Path kept = day.resolve(path);
        for (int n = 2; Files.exists(kept, LinkOption.NOFOLLOW_LINKS); n++) {
            kept = day.resolve(path + "~" + n);
        }
        Files.createDirectories(kept.getParent());
        Files.move(file, kept);
        return kept;
    }

    /** Removes the day folders older than {@code keep}. */
    void sweep(Duration keep) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(keep), ZoneOffset.UTC);
        try (DirectoryStream<Path> days = Files.newDirectoryStream(root)) {
            for (Path day : days) {
                try {
                    if (LocalDate.parse(day.getFileName().toString()).isBefore(oldestKept)) {
                        FileTrees.delete(day);
                    }
                } catch (DateTimeParseException e) {
                    // not one of ours: left alone
                }
            }
        }
    }
}
