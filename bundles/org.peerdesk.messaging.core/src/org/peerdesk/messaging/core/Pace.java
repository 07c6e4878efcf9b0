package org.peerdesk.messaging.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.PeerId;

/**
 * Holds each peer to a rate of envelopes: up to {@code burst} at once, then {@code perSecond}. A peer
 * over its rate is not refused but made to wait, so nothing it sends is lost; its stream's flow
 * control then slows it down, and a flood costs the node no more than the rate allows.
 */
final class Pace {

    private final double perSecond;
    private final double burst;
    private final Map<PeerId, double[]> buckets = new ConcurrentHashMap<>();

    Pace(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes {@code count} envelopes' worth for {@code peer}, sleeping as long as its rate asks. */
    void take(PeerId peer, int count) throws InterruptedException {
        long wait;
        double[] bucket = buckets.computeIfAbsent(peer, key -> new double[] {burst, System.nanoTime()});
        synchronized (bucket) {
            long now = System.nanoTime();
            double tokens = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * perSecond) - count;
            bucket[0] = tokens;
            bucket[1] = now;
            wait = tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
