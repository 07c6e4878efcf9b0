package org.peerdesk.transport;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Measures the connection to a connected peer: how fast one stream carries bulk data, and how
 * long small round trips on a second stream take meanwhile (what a chat message would feel
 * while a big file is on its way).
 */
@ProviderType
public interface SpeedTest {

    /** The most a single test sends. */
    long MAX_BYTES = 64L << 30;

    /** Sends {@code bytes} to {@code peer} and measures; blocks until the peer has received them all. */
    Result run(PeerId peer, long bytes) throws TransportException;

    /**
     * What one test measured.
     *
     * @param bytes the bytes sent, all of them received by the peer
     * @param elapsed from the first byte sent to the peer's confirmation of the last
     * @param roundTripsMillis the small round trips during the transfer, sorted, in milliseconds
     */
    record Result(long bytes, Duration elapsed, double[] roundTripsMillis) {

        public double mebibytesPerSecond() {
            return bytes / (double) (1 << 20) / (elapsed.toNanos() / 1e9);
        }

        /** The round trip time below which the fraction {@code p} (0 to 1) of the round trips fell. */
        public double roundTripPercentile(double p) {
            if (roundTripsMillis.length == 0) {
                return Double.NaN;
            }
            return roundTripsMillis[Math.max(0, Math.min(roundTripsMillis.length - 1,
                    (int) Math.ceil(p * roundTripsMillis.length) - 1))];
        }
    }
}
