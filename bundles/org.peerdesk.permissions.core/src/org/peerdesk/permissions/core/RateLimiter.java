package org.peerdesk.permissions.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: up to {@code burst} actions at once, then one per {@code every}. Keeps
 * a flood from one peer from costing the node more than a trickle of work.
 */
final class RateLimiter<K> {

    private record Bucket(double tokens, long atNanos) {
    }

    private final int burst;
    private final Duration every;
    private final Clock clock;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int burst, Duration every, Clock clock) {
        this.burst = burst;
        this.every = every;
        this.clock = clock;
    }

    /** Takes one token for {@code key}; false when the key has used up its allowance for now. */
    boolean tryAcquire(K key) {
        long now = clock.millis() * 1_000_000L;
        boolean[] taken = {false};
        buckets.compute(key, (unused, bucket) -> {
            double tokens = bucket == null ? burst
                    : Math.min(burst, bucket.tokens() + (now - bucket.atNanos()) / (double) every.toNanos());
            if (tokens >= 1) {
                taken[0] = true;
                tokens -= 1;
            }
            return new Bucket(tokens, now);
        });
        if (buckets.size() > 10_000) {
            buckets.clear();
        }
        return taken[0];
    }
}
