package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.RateLimits;

/** The rate limits in a real database: none until set, kept across restarts, every change told. */
class StoredRateLimitsTest {

    @TempDir
    Path home;

    private final List<RateLimits> told = new CopyOnWriteArrayList<>();

    @Test
    void limitsAreNoneUntilSetAndSurviveARestart() throws Exception {
        RateLimits set = new RateLimits(2 * 1024 * 1024, 512 * 1024);
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            StoredRateLimits limits = new StoredRateLimits(storage, told::add);
            assertEquals(RateLimits.NONE, limits.limits());
            limits.setLimits(set);
        }
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            StoredRateLimits limits = new StoredRateLimits(storage, told::add);
            assertEquals(set, limits.limits());
            limits.setLimits(RateLimits.NONE);
            assertEquals(RateLimits.NONE, limits.limits());
        }
        assertEquals(List.of(set, RateLimits.NONE), told);
    }

    @Test
    void limitHoursAreKept() throws Exception {
        RateLimits nightly = new RateLimits(0, 1 << 20, Optional.of(LimitHours.parse("22:30-06:00")));
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            new StoredRateLimits(storage, told::add).setLimits(nightly);
        }
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            assertEquals(nightly, new StoredRateLimits(storage, told::add).limits());
        }
    }

    @Test
    void limitsStoredBeforeThereWereHoursHoldAtAllHours() throws Exception {
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(AreaSchema.of("rate_limits", StoredRateLimits.SCHEMA.migrations().get(0)));
            storage.transact(connection -> connection.createStatement().executeUpdate(
                    "INSERT INTO rate_limits (id, upload_bytes_per_second, download_bytes_per_second) VALUES (1, 1048576, 0)"));
            assertEquals(new RateLimits(1 << 20, 0), new StoredRateLimits(storage, told::add).limits());
        }
    }
}
