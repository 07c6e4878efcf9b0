package org.peerdesk.transport.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.peerdesk.transport.DialProblem;

/**
 * Waits between redials: doubling from {@code base} up to {@code max}, each wait moved by up to
 * {@code jitter} either way, so peers that lost each other at the same moment do not redial in step.
 */
record Backoff(Duration base, Duration max, double jitter, RandomGenerator random) {

    /**
     * The wait after a peer answered and refused this machine (a copy of its node, or a machine another took the place
     * of): the peer was found, so it is asked again only every few minutes, often enough that this machine still knows
     * itself refused ({@code TransportService.refusedByAPeer} counts a refusal for ten minutes).
     */
    static final Duration AFTER_REFUSAL = Duration.ofMinutes(5);

    static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2, RandomGenerator.getDefault());
    }

    /** The wait before redial number {@code attempt} (0 for the first). */
    Duration delay(int attempt) {
        long doubled = base.toMillis() << Math.min(attempt, 30);
        return jittered(Duration.ofMillis(Math.min(doubled <= 0 ? Long.MAX_VALUE : doubled, max.toMillis())));
    }

    /** The wait before redial number {@code attempt} after a dial failed as {@code problem} says. */
    Duration delay(int attempt, DialProblem problem) {
        return problem.refused() ? jittered(AFTER_REFUSAL) : delay(attempt);
    }

    /** {@code wait} moved by up to the jitter either way. */
    Duration jittered(Duration wait) {
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }
}
