package org.peerdesk.transport;

import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.ByteSizes;

/**
 * How fast this node may send to and take in from all its peers together, in bytes a second; 0 is
 * no limit. A limit holds back transfers (files, sync, backup, a plugin's bulk data); a stream's
 * first {@value #UNLIMITED_PER_STREAM} bytes a second pass at once, so messages, requests and
 * answers are never kept waiting behind them. With {@code hours}, the limits hold only then (the
 * working day, say), and transfers go at full speed the rest of the time.
 */
public record RateLimits(long uploadBytesPerSecond, long downloadBytesPerSecond, Optional<LimitHours> hours) {

    public static final RateLimits NONE = new RateLimits(0, 0);
    /** The lowest limit: below it a single 64 KiB frame would wait for seconds. */
    public static final long MINIMUM = 16 * 1024;
    /** What each stream may move a second without waiting on the limit. */
    public static final long UNLIMITED_PER_STREAM = 64 * 1024;

    public RateLimits {
        check("upload", uploadBytesPerSecond);
        check("download", downloadBytesPerSecond);
        Objects.requireNonNull(hours, "hours");
    }

    /** Limits that hold at all hours. */
    public RateLimits(long uploadBytesPerSecond, long downloadBytesPerSecond) {
        this(uploadBytesPerSecond, downloadBytesPerSecond, Optional.empty());
    }

    /** The limits that hold at {@code time}: these, or none outside their hours. */
    public RateLimits inForceAt(LocalTime time) {
        return hours.isEmpty() || hours.get().include(time) ? this : NONE;
    }

    /** Whether any limit is set, at some hour or all. */
    public boolean any() {
        return uploadBytesPerSecond != 0 || downloadBytesPerSecond != 0;
    }

    private static void check(String direction, long bytesPerSecond) {
        if (bytesPerSecond != 0 && bytesPerSecond < MINIMUM) {
            throw new IllegalArgumentException("The " + direction + " limit, " + ByteSizes.formatRate(bytesPerSecond)
                    + ", is below the lowest, " + ByteSizes.formatRate(MINIMUM) + " (0 for none)");
        }
    }
}
