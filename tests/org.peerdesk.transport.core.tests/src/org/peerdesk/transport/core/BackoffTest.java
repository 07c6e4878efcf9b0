package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.peerdesk.transport.DialProblem;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2, RandomGenerator.of("L64X128MixRandom"));

    @Test
    void backoffDoublesUpToItsCapWithBoundedJitter() {
        for (int attempt = 0; attempt < 40; attempt++) {
            long expected = Math.min(1000L << Math.min(attempt, 30), 60_000);
            assertAround(expected, backoff.delay(attempt), "attempt " + attempt);
        }
    }

    @Test
    void aPeerThatRefusesThisMachineIsAskedAgainOnlyEveryFewMinutes() {
        DialProblem unreachable = new DialProblem("Cannot reach 127.0.0.1:23101: nothing listens there", false, Instant.EPOCH);
        DialProblem refused = new DialProblem("Ben refuses this machine: another machine runs as this node right now", true, Instant.EPOCH);
        for (int attempt = 0; attempt < 10; attempt++) {
            assertAround(Math.min(1000L << attempt, 60_000), backoff.delay(attempt, unreachable), "unreachable, attempt " + attempt);
            assertAround(5 * 60_000, backoff.delay(attempt, refused), "refused, attempt " + attempt);
        }
        assertTrue(Backoff.AFTER_REFUSAL.multipliedBy(12).dividedBy(10).compareTo(Duration.ofMinutes(10)) < 0,
                "asked again before a refusal stops counting, so that the machine keeps quiet on the LAN");
    }

    private static void assertAround(long expectedMillis, Duration delay, String what) {
        long millis = delay.toMillis();
        assertTrue(millis >= expectedMillis * 0.8 && millis <= expectedMillis * 1.2, what + ": " + millis);
    }
}
