package org.peerdesk.node.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.KeptNode;

/**
 * The admin API that makes a new node of this machine at its next start, setting this one aside whole; and that lists the
 * nodes set aside so and deletes one.
 */
record StartOverRoutes(DataDirectory data, EventAdmin events) {

    void register(ApiServer server) {
        server.route("GET", "/api/v1/node/start-over", body -> describe(data.startingOver()));
        server.route("POST", "/api/v1/node/start-over", this::startOver);
        server.route("GET", "/api/v1/node/set-aside",
                body -> Map.of("nodes", data.keptNodes().stream().map(StartOverRoutes::json).toList()));
        server.route("POST", "/api/v1/node/set-aside/delete", this::delete);
    }

    private Map<String, Object> delete(Map<String, Object> body) throws ApiError {
        String name = Bodies.text(body, "name");
        KeptNode deleted;
        try {
            deleted = data.deleteKeptNode(name);
        } catch (IOException e) {
            throw new ApiError(409, e.getMessage());
        }
        events.postEvent(new Event(Topics.NODE_SET_ASIDE_DELETED, Map.of(Topics.DATA, name)));
        return Map.of("deleted", json(deleted));
    }

    private static Map<String, Object> json(KeptNode node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", node.name());
        json.put("folder", node.folder().toString());
        json.put("setAside", node.setAside().toString());
        json.put("bytes", node.bytes());
        return json;
    }

    private Map<String, Object> startOver(Map<String, Object> body) throws IOException, ApiError {
        Object cancel = body.getOrDefault("cancel", false);
        if (!(cancel instanceof Boolean cancelled)) {
            throw ApiError.badRequest("Give \"cancel\" as true or false: {\"cancel\": true} keeps this node as it is.");
        }
        if (cancelled) {
            boolean wasAsked = data.keepThisNode();
            told(Optional.empty());
            Map<String, Object> result = describe(Optional.empty());
            result.put("wasAsked", wasAsked);
            return result;
        }
        Optional<Path> keeper = Optional.of(data.startOverAtNextStart());
        told(keeper);
        return describe(keeper);
    }

    /** Tells the node's other users (the desktop's This node, say) at once. */
    private void told(Optional<Path> keeper) {
        events.postEvent(new Event(Topics.NODE_STARTING_OVER, Map.of(Topics.DATA, keeper.map(Path::toString).orElse(""))));
    }

    private Map<String, Object> describe(Optional<Path> keeper) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("asked", keeper.isPresent());
        result.put("keptIn", keeper.map(Path::toString).orElse(""));
        result.put("setAsideAtThisStart", data.setAside().map(Path::toString).orElse(""));
        return result;
    }
}
