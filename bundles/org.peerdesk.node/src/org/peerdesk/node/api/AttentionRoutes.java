package org.peerdesk.node.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.peerdesk.core.Attention;
import org.peerdesk.core.NeedsYou;

/** The admin API of what waits for the user, from every area and plugin. */
record AttentionRoutes(NeedsYou needsYou) {

    void register(ApiServer server) {
        server.route("GET", "/api/v1/attention", body -> Map.of("attention", needsYou.now().stream().map(AttentionRoutes::describe).toList()));
    }

    private static Map<String, Object> describe(Attention item) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("area", item.area());
        result.put("what", item.what());
        result.put("command", item.command());
        result.put("view", item.view());
        return result;
    }
}
