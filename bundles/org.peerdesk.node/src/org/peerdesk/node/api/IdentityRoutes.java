package org.peerdesk.node.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportService;

/** The admin API of this node's identity: who it is, its name, its key's passphrase. */
record IdentityRoutes(NodeIdentity identity, TransportService transport) {

    void register(ApiServer server) {
        server.route("GET", "/api/v1/identity", body -> describeIdentity());
        server.route("POST", "/api/v1/identity/name", this::rename);
        server.route("POST", "/api/v1/identity/passphrase", this::protect);
    }

    private Map<String, Object> describeIdentity() throws IdentityException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peerId", identity.peerId().toString());
        result.put("name", identity.displayName());
        result.put("named", identity.named());
        result.put("passphraseProtected", identity.passphraseProtected());
        result.put("listen", transport.listenAddresses().stream().map(PeerAddress::shown).toList());
        return result;
    }

    private Map<String, Object> rename(Map<String, Object> body) throws Exception {
        if (!(body.get("name") instanceof String name)) {
            throw ApiError.badRequest("Give the new name: {\"name\": \"Ana's laptop\"}.");
        }
        try {
            identity.rename(name);
        } catch (IdentityException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        return describeIdentity();
    }

    private Map<String, Object> protect(Map<String, Object> body) throws Exception {
        if (!(body.get("passphrase") instanceof String passphrase)) {
            throw ApiError.badRequest("Give the passphrase: {\"passphrase\": \"...\"}, or \"\" to remove it.");
        }
        identity.protect(passphrase.toCharArray());
        return Map.of("protected", !passphrase.isEmpty());
    }
}
