package org.peerdesk.files.core;

import java.util.ArrayDeque;
import java.util.Deque;

/** Bytes per second over the last few seconds, from a running total sampled now and then. */
final class SpeedMeter {

    private static final long WINDOW_NANOS = 3_000_000_000L;

    private record Sample(long nanos, long bytes) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    synchronized long sample(long nanos, long totalBytes) {
        samples.addLast(new Sample(nanos, totalBytes));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long elapsed = nanos - first.nanos();
        return elapsed <= 0 ? 0 : (totalBytes - first.bytes()) * 1_000_000_000L / elapsed;
    }
}
