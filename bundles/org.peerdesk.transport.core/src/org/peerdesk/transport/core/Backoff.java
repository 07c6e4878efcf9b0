package org.peerdesk.transport.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between redials: doubling from {@code base} up to {@code max}, each wait moved by up to
 * {@code jitter} either way, so peers that lost each other at the same moment do not redial in step.
 */
record Backoff(Duration base, Duration max, double jitter, RandomGenerator random) {

    static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2, RandomGenerator.getDefault());
    }

    /** The wait before redial number {@code attempt} (0 for the first). */
    Duration delay(int attempt) {
        long doubled = base.toMillis() << Math.min(attempt, 30);
        long capped = Math.min(doubled <= 0 ? Long.MAX_VALUE : doubled, max.toMillis());
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(capped * factor));
    }
}
