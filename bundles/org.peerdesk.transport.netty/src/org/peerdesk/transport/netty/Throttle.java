package org.peerdesk.transport.netty;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.peerdesk.transport.RateLimits;

/**
 * A rate for bytes in one direction, shared by every stream of every connection: a token bucket
 * that may go into debt. Each stream's own small allowance ({@link Gate}) comes first, so that
 * messages, requests and answers pass at once while transfers beside them share the rate; what an
 * allowance covers still counts against the rate, and transfers pay for it.
 */
final class Throttle {

    /** What a bucket may save up: a quarter of a second at its rate, so a pause is not followed by a burst. */
    private static final long SAVED_NANOS = 250_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    /** Read without the lock on the way through, so that streams without a limit never contend for it. */
    private volatile long bytesPerSecond;
    private double tokens;
    private long refilledAt;

    Throttle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Sets the rate; 0 lifts the limit (and forgives what was owed). */
    synchronized void rate(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a negative rate: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = 0;
        this.refilledAt = nanoClock.getAsLong();
    }

    /**
     * Counts {@code bytes} against the rate and says how long to wait, in nanoseconds, before they
     * go on (0 when the bucket held them, always 0 without a limit). Callers wait outside this lock,
     * so writers on several streams queue in the order they asked and share the rate.
     */
    private synchronized long charge(long bytes) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        refill();
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / bytesPerSecond);
    }

    /** A gate for one stream's bytes in this direction, with the stream's own allowance. */
    Gate gate() {
        return new Gate();
    }

    private synchronized void owe(long bytes) {
        if (bytesPerSecond != 0) {
            refill();
            tokens -= bytes;
        }
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        double cap = (double) bytesPerSecond * SAVED_NANOS / NANOS_PER_SECOND;
        tokens = Math.min(cap, tokens + (double) (now - refilledAt) * bytesPerSecond / NANOS_PER_SECOND);
        refilledAt = now;
    }

    /**
     * One stream's way through the throttle. The stream may move {@value #ALLOWANCE} bytes a second
     * (saved up to as much) without waiting: a conversation never spends that, a transfer spends it
     * in its first frame and then waits its turn. What the allowance lets through still counts
     * against the shared rate, and the transfers pay for it.
     */
    final class Gate {

        static final long ALLOWANCE = RateLimits.UNLIMITED_PER_STREAM;

        private double allowance = ALLOWANCE;
        private long refilledAt = nanoClock.getAsLong();

        /** How long, in nanoseconds, {@code bytes} must wait before they go on; they count as gone. */
        synchronized long pass(long bytes) {
            if (bytesPerSecond == 0) {
                return 0;
            }
            long now = nanoClock.getAsLong();
            allowance = Math.min(ALLOWANCE, allowance + (double) (now - refilledAt) * ALLOWANCE / NANOS_PER_SECOND);
            refilledAt = now;
            if (bytes <= allowance) {
                allowance -= bytes;
                owe(bytes);
                return 0;
            }
            return charge(bytes);
        }

        /** Lets {@code bytes} through, waiting first when the rate says so; {@code beforeWaiting} runs only then. */
        void through(long bytes, Runnable beforeWaiting) throws InterruptedIOException {
            long wait = pass(bytes);
            if (wait == 0) {
                return;
            }
            beforeWaiting.run();
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting under the rate limit");
            }
        }
    }
}
