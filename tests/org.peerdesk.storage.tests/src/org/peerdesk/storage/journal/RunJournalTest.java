package org.peerdesk.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.StorageException;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.testing.SettableClock;

class RunJournalTest {

    @TempDir
    Path home;

    @Test
    void recordsCleanStopsAndLeavesCrashedRunsOpen() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
        try (DataDirectory directory = DataDirectory.open(home.resolve("node"));
                H2Storage storage = new H2Storage(directory)) {
            RunJournal first = new RunJournal(storage, clock);
            clock.advance(Duration.ofHours(1));
            first.recordStop();
            new RunJournal(storage, clock); // this run "crashes": it is never stopped
            clock.advance(Duration.ofHours(1));
            new RunJournal(storage, clock).recordStop();
            assertEquals(List.of("10:00-11:00", "11:00-open", "12:00-12:00"), runs(storage));
        }
    }

    private static List<String> runs(H2Storage storage) throws StorageException {
        return storage.transact(c -> {
            List<String> runs = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery(
                    "SELECT started_at, stopped_at FROM node_runs ORDER BY id")) {
                while (rows.next()) {
                    String start = rows.getTimestamp(1).toInstant().toString().substring(11, 16);
                    String stop = rows.getTimestamp(2) == null ? "open"
                            : rows.getTimestamp(2).toInstant().toString().substring(11, 16);
                    runs.add(start + "-" + stop);
                }
            }
            return runs;
        });
    }
}
