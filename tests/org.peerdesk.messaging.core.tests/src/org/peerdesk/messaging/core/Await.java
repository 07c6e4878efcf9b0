package org.peerdesk.messaging.core;

import java.util.function.Supplier;

/** Waits, in tests, for what the courier does on its own threads. */
final class Await {

    interface Check {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /**
     * Checks, for as long as the courier would take to do what must not happen, that it does not;
     * a test of something not happening can only give it time.
     */
    static void stays(Check check, Supplier<String> failure) throws Exception {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!check.holds()) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(20);
        }
    }

    static void until(Check check, Supplier<String> failure) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(20);
        }
    }
}
