package org.peerdesk.node.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerNames;

/** Reading the fields of request bodies, the same way for every area. */
final class Bodies {

    /** A field given twice would leave which one counts to the parser. */
    private static final JSON STRICT = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    private Bodies() {
    }

    /** The JSON object a request sent; anything else (not JSON, or JSON but not an object) is refused saying what it was. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) throws ApiError {
        Object parsed;
        try (JsonParser parser = STRICT.getStreamingFactory().createParser(json)) {
            parsed = STRICT.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw ApiError.badRequest("The request body goes on after its JSON" + where(parser.currentLocation()) + ".");
            }
        } catch (IOException | RuntimeException e) {
            throw ApiError.badRequest("The request body cannot be read as JSON: " + reason(e));
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw ApiError.badRequest("The request body is " + kind(parsed) + ", not a JSON object ({\"field\": ...}).");
        }
        return (Map<String, Object>) object;
    }

    /** What the parser found and where, without the placeholder it gives for the text it read. */
    private static String reason(Exception e) {
        if (!(e instanceof JsonProcessingException json)) {
            return String.valueOf(e.getMessage());
        }
        String found = json.getOriginalMessage().replaceAll(" \\(start marker at \\[Source: [^]]*\\]\\)", "");
        return found + where(json.getLocation());
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String kind(Object parsed) {
        if (parsed == null) {
            return "null";
        }
        if (parsed instanceof List) {
            return "an array";
        }
        if (parsed instanceof String) {
            return "a string";
        }
        return parsed instanceof Number ? "a number" : "true or false";
    }

    static String text(Map<String, Object> body, String field) throws ApiError {
        if (!(body.get(field) instanceof String text)) {
            throw ApiError.badRequest("The request needs \"" + field + "\".");
        }
        if (text.isBlank()) {
            throw ApiError.badRequest("The request's \"" + field + "\" is empty.");
        }
        return text;
    }

    /** An optional text, empty where the body has none; anything but a text is refused, not read as none. */
    static Optional<String> optionalText(Map<String, Object> body, String field) throws ApiError {
        Object value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ApiError.badRequest("Give \"" + field + "\" as a text, or leave it out.");
        }
        return Optional.of(text);
    }

    /**
     * An optional whole number, empty where the body has none; anything else (a text, a fraction) is refused with
     * {@code howToGive}, not read as none.
     */
    static OptionalLong optionalWhole(Map<String, Object> body, String field, String howToGive) throws ApiError {
        Object value = body.get(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw ApiError.badRequest(howToGive);
        }
        return OptionalLong.of(((Number) value).longValue());
    }

    /** An optional list of texts, empty when absent; {@code example} shows the field as it should be. */
    static List<String> texts(Map<String, Object> body, String field, String example) throws ApiError {
        if (body.get(field) == null) {
            return List.of();
        }
        if (!(body.get(field) instanceof List<?> listed) || !listed.stream().allMatch(String.class::isInstance)) {
            throw ApiError.badRequest("Give \"" + field + "\" as a list of texts: " + example + ".");
        }
        return listed.stream().map(String.class::cast).toList();
    }

    static long id(Map<String, Object> body) throws ApiError {
        if (!(body.get("id") instanceof Number number)) {
            throw ApiError.badRequest("Give the number: {\"id\": 3}.");
        }
        return number.longValue();
    }

    /** A peer by full ID, by the name it goes by, or by the start of either. */
    static PeerId peer(Map<String, Object> body, PeerDirectory directory) throws Exception {
        return peer(text(body, "peer"), directory);
    }

    /** A peer named by full ID, by the name it goes by, or by the start of either. */
    static PeerId peer(String named, PeerDirectory directory) throws Exception {
        try {
            return PeerNames.one(named, directory.peers());
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
