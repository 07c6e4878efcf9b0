package org.peerdesk.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReplacedRunTest {

    @Test
    void theNewRunWaitsUntilTheRunItReplacesHasEnded() throws Exception {
        Process replaced = new ProcessBuilder("sleep", "1").start();
        ReplacedRun.awaitEnd(Long.toString(replaced.pid()), Duration.ofSeconds(30));
        assertFalse(replaced.isAlive(), "the run it replaces let go of the data directory first");
    }

    @Test
    @Timeout(10)
    void noRunToWaitForOrOneNamedWronglyIsNoWait() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            for (String pid : Arrays.asList(null, "", "the old one", "-" + other.pid(), "99999999999999999999", " " + Long.MAX_VALUE)) {
                ReplacedRun.awaitEnd(pid, Duration.ofSeconds(30)); // returns at once, or the test runs out of its time
            }
            ReplacedRun.awaitEnd(Long.toString(other.pid()), Duration.ofMillis(50)); // and waits no longer than it is told
        } finally {
            other.destroy();
        }
    }
}
