package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A share's trash on a real disk: where files are kept, the path each came from, putting one back, and the sweep. */
class TrashTest {

    private static final LocalDate TUESDAY = LocalDate.parse("2026-12-01");

    @TempDir
    Path share;

    private Trash trash;

    @BeforeEach
    void open() {
        trash = new Trash(share, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aSecondFileOfTheSameNameThatDayAndANameThatLooksCountedKeepTheNameTheyCameFrom() throws Exception {
        for (String text : List.of("first draft", "second draft")) {
            trash.keep(write("reports/q3.txt", text), "reports/q3.txt");
        }
        trash.keep(write("backup~2", "the user's own name"), "backup~2");

        assertEquals(List.of("backup~2~1 from backup~2", "reports/q3.txt from reports/q3.txt", "reports/q3.txt~2 from reports/q3.txt"),
                trash.list(10).stream().map(kept -> kept.kept() + " from " + kept.path()).toList());

        assertEquals("backup~2", trash.restore(TUESDAY, "backup~2~1", share));
        assertEquals("the user's own name", Files.readString(share.resolve("backup~2")), "back under its own name, not as 'backup'");
        assertFalse(Files.exists(share.resolve("backup")));
    }

    @Test
    void puttingAFileBackKeepsWhatIsThereNowInItsPlace() throws Exception {
        trash.keep(write("notes.txt", "yesterday's notes"), "notes.txt");
        write("notes.txt", "today's notes");

        assertEquals("notes.txt", trash.restore(TUESDAY, "notes.txt", share));
        assertEquals("yesterday's notes", Files.readString(share.resolve("notes.txt")));
        assertEquals(List.of("notes.txt~2"), trash.list(10).stream().map(Trash.Kept::kept).toList(), "today's notes are kept in turn");
    }

    @Test
    void theSweepEmptiesDaysOlderThanTheKeepTime() throws Exception {
        trash.keep(write("a.txt", "a"), "a.txt");
        Path old = Files.createDirectories(share.resolve(Trash.FOLDER).resolve("2026-11-01"));
        Files.writeString(old.resolve("b.txt"), "b");

        trash.sweep(Duration.ofDays(14));

        assertFalse(Files.exists(old));
        assertEquals(List.of("a.txt"), trash.list(10).stream().map(Trash.Kept::kept).toList());
    }

    private Path write(String path, String text) throws Exception {
        Path file = share.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
