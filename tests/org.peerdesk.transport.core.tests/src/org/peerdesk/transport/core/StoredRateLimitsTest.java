package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
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
}
