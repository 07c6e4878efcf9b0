package org.peerdesk.node.cli;

import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.ByteSizes;

/** The node's rate limits as the admin API gives them ({@code GET /api/v1/rate-limits}), in words. */
record LimitsAnswer(long up, long down, Optional<String> hours) {

    static LimitsAnswer of(Map<String, Object> answer) {
        return new LimitsAnswer(((Number) answer.get("uploadBytesPerSecond")).longValue(),
                ((Number) answer.get("downloadBytesPerSecond")).longValue(),
                Optional.ofNullable(answer.get("hours")).map(String::valueOf));
    }

    boolean any() {
        return up != 0 || down != 0;
    }

    /** "from 08:00 to 18:00 each day", when the limits have hours. */
    Optional<String> when() {
        return hours.map(written -> "from " + written.replace("-", " to ") + " each day");
    }

    /** "2.0 MiB/s up, none down". */
    String rates() {
        return ByteSizes.formatRate(up) + " up, " + ByteSizes.formatRate(down) + " down";
    }
}
