package org.peerdesk.node.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;

import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.TransportException;

/** The admin API of the node's rate limits, in bytes a second, 0 for none, and the hours they hold (docs/admin-api.md). */
record RateLimitRoutes(RateLimitSettings settings) {

    void register(ApiServer server) {
        server.route("GET", "/api/v1/rate-limits", body -> describe(settings.limits()));
        server.route("POST", "/api/v1/rate-limits", this::change);
    }

    private Map<String, Object> change(Map<String, Object> body) throws TransportException, ApiError {
        RateLimits now = settings.limits();
        long upload = rate(body, "upload", now.uploadBytesPerSecond());
        long download = rate(body, "download", now.downloadBytesPerSecond());
        RateLimits changed;
        try {
            changed = new RateLimits(upload, download, hours(body, now.hours()));
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage() + ".");
        }
        settings.setLimits(changed);
        return describe(changed);
    }

    private static long rate(Map<String, Object> body, String direction, long unchanged) throws ApiError {
        Object value = body.get(direction);
        if (value == null) {
            return unchanged;
        }
        if (!(value instanceof Number number) || number.longValue() < 0 || number.doubleValue() != number.longValue()) {
            throw ApiError.badRequest("Give each limit in bytes a second, 0 for none: {\"upload\": 1048576, \"download\": 0}.");
        }
        return number.longValue();
    }

    /** {@code "08:00-18:00"}, or {@code "always"}; unchanged when not given. */
    private static Optional<LimitHours> hours(Map<String, Object> body, Optional<LimitHours> unchanged) throws InvalidInputException {
        Object value = body.get("hours");
        if (value == null) {
            return unchanged;
        }
        String text = String.valueOf(value);
        return text.strip().equalsIgnoreCase("always") ? Optional.empty() : Optional.of(LimitHours.parse(text));
    }

    private static Map<String, Object> describe(RateLimits limits) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("uploadBytesPerSecond", limits.uploadBytesPerSecond());
        described.put("downloadBytesPerSecond", limits.downloadBytesPerSecond());
        described.put("hours", limits.hours().map(LimitHours::toString).orElse(null));
        return described;
    }
}
