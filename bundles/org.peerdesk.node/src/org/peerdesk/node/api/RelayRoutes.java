package org.peerdesk.node.api;

import java.util.Map;

import org.peerdesk.transport.Relaying;

/** The admin API of whether this node relays connections between its peers (docs/admin-api.md). */
record RelayRoutes(Relaying relaying) {

    void register(ApiServer server) {
        server.route("GET", "/api/v1/relaying", body -> Map.of("relays", relaying.relaysForPeers()));
        server.route("POST", "/api/v1/relaying", body -> {
            if (!(body.get("relays") instanceof Boolean relays)) {
                throw ApiError.badRequest("Say whether to relay: {\"relays\": false}.");
            }
            relaying.setRelaysForPeers(relays);
            return Map.of("relays", relays);
        });
    }
}
