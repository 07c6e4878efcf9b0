package org.peerdesk.node.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;

/** Reading the fields of request bodies, the same way for every area. */
final class Bodies {

    private Bodies() {
    }

    static String text(Map<String, Object> body, String field) throws ApiError {
        if (!(body.get(field) instanceof String text) || text.isBlank()) {
            throw ApiError.badRequest("The request needs \"" + field + "\".");
        }
        return text;
    }

    static long id(Map<String, Object> body) throws ApiError {
        if (!(body.get("id") instanceof Number number)) {
            throw ApiError.badRequest("Give the number: {\"id\": 3}.");
        }
        return number.longValue();
    }

    /** A peer by full ID, by the name it goes by, or by the start of its ID. */
    static PeerId peer(Map<String, Object> body, PeerDirectory directory) throws Exception {
        return peer(text(body, "peer"), directory);
    }

    /** A peer named by full ID, by name, or by the start of its ID. */
    static PeerId peer(String named, PeerDirectory directory) throws Exception {
        String text = named.strip();
        try {
            return PeerId.parse(text);
        } catch (InvalidInputException notAnId) {
            List<KnownPeer> matches = directory.peers().stream()
                    .filter(known -> known.name().equalsIgnoreCase(text)
                            || (text.length() >= 4 && known.id().toString().startsWith(text.toUpperCase(Locale.ROOT))))
                    .toList();
            if (matches.size() == 1) {
                return matches.get(0).id();
            }
            throw ApiError.badRequest(matches.isEmpty() ? "'" + text + "' is neither a peer ID nor a known peer's name."
                    : "'" + text + "' matches " + matches.size() + " known peers; give the full peer ID.");
        }
    }
}
