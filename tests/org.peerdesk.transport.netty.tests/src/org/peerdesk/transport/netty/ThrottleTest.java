package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peerdesk.transport.RateLimits;

/** The rate limit's arithmetic, on a clock the test moves: transfers share the rate, small messages pass at once. */
class ThrottleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int FRAME = MultiplexedStream.MAX_DATA;

    private long now = 1_000 * SECOND;
    private final Throttle throttle = new Throttle(() -> now);

    /** Sends {@code bytes} in frames through {@code gate}, waiting as told; returns the nanoseconds it took. */
    private long send(Throttle.Gate gate, long bytes) {
        long start = now;
        for (long sent = 0; sent < bytes; sent += FRAME) {
            now += gate.pass(Math.min(FRAME, bytes - sent));
        }
        return now - start;
    }

    @Test
    void withoutALimitNothingWaits() {
        assertEquals(0, send(throttle.gate(), 100L * FRAME));
    }

    @Test
    void aTransferTakesAsLongAsTheRateSays() {
        throttle.rate(1024 * 1024);
        long took = send(throttle.gate(), 8L * 1024 * 1024);
        double seconds = (double) took / SECOND;
        assertTrue(seconds > 7.8 && seconds < 8.05, "8 MiB at 1 MiB/s took " + seconds + " s");
    }

    @Test
    void twoTransfersShareTheRate() {
        throttle.rate(1024 * 1024);
        Throttle.Gate first = throttle.gate();
        Throttle.Gate second = throttle.gate();
        long start = now;
        for (int frame = 0; frame < 64; frame++) { // 4 MiB each, taking turns
            now += first.pass(FRAME);
            now += second.pass(FRAME);
        }
        double seconds = (double) (now - start) / SECOND;
        assertTrue(seconds > 7.6 && seconds < 8.05, "2 x 4 MiB at 1 MiB/s took " + seconds + " s");
    }

    @Test
    void smallMessagesBesideATransferNeverWaitButCountAgainstTheRate() {
        long quiet = transferWaitAfterMessages(0);
        long busy = transferWaitAfterMessages(32);
        assertEquals(32.0 * 1024 / (256 * 1024), (double) (busy - quiet) / SECOND, 0.001,
                "the transfer waits longer by the time the rate gives 32 KiB");
    }

    /** The wait of a transfer's frame after {@code messages} messages of 1 KiB went by on another stream, at 256 KiB/s. */
    private long transferWaitAfterMessages(int messages) {
        throttle.rate(256 * 1024);
        Throttle.Gate transfer = throttle.gate();
        Throttle.Gate conversation = throttle.gate();
        send(transfer, 4L * FRAME); // its allowance and the bucket are spent
        for (int message = 0; message < messages; message++) {
            assertEquals(0, conversation.pass(1024), "message " + message + " passes at once");
        }
        transfer.pass(FRAME); // may use what the transfer's allowance saved meanwhile
        return transfer.pass(FRAME);
    }

    @Test
    void aStreamThatSendsMoreThanItsAllowanceWaitsLikeATransfer() {
        throttle.rate(256 * 1024);
        Throttle.Gate chatty = throttle.gate();
        assertEquals(0, chatty.pass(RateLimits.UNLIMITED_PER_STREAM - 1));
        assertTrue(chatty.pass(FRAME) > 0, "its allowance is spent");
    }

    @Test
    void liftingTheLimitLetsEverythingGoAtOnce() {
        throttle.rate(256 * 1024);
        Throttle.Gate transfer = throttle.gate();
        send(transfer, 20L * FRAME);
        throttle.rate(0);
        assertEquals(0, send(transfer, 100L * FRAME));
    }

    @Test
    void aPauseSavesUpAQuarterOfASecondAtMost() {
        throttle.rate(1024 * 1024);
        Throttle.Gate transfer = throttle.gate();
        send(transfer, 2L * FRAME);
        now += 60 * SECOND; // idle for a minute
        long took = send(transfer, 4L * 1024 * 1024);
        double seconds = (double) took / SECOND;
        assertTrue(seconds > 3.6 && seconds < 3.8, "4 MiB after a pause took " + seconds + " s, not a burst");
    }

    @Test
    void limitsBelowTheLowestAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(1000, 0));
        assertThrows(IllegalArgumentException.class, () -> throttle.rate(-1));
    }
}
