package org.peerdesk.node.api;

import java.util.Map;

import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.TransportException;

/** The admin API of the node's rate limits, in bytes a second, 0 for none (docs/admin-api.md). */
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
            changed = new RateLimits(upload, download);
        } catch (IllegalArgumentException e) {
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

    private static Map<String, Object> describe(RateLimits limits) {
        return Map.of("uploadBytesPerSecond", limits.uploadBytesPerSecond(),
                "downloadBytesPerSecond", limits.downloadBytesPerSecond());
    }
}
