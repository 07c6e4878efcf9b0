package org.peerdesk.system;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what real node processes do in their own time. */
final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 250;

    /** Something to check again and again. */
    interface Check {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** Returns once {@code check} holds; fails with {@code failure}'s message after a minute. */
    static void waitUntil(Check check, Supplier<String> failure) throws Exception {
        waitUntil(check, failure, PATIENCE);
    }

    /** Returns once {@code check} holds; fails with {@code failure}'s message after {@code patience}. */
    static void waitUntil(Check check, Supplier<String> failure, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
