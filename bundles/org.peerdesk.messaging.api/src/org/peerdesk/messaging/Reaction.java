package org.peerdesk.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * One reaction to a message (an emoji, or a short word such as "+1") and the members who reacted so, in the order they
 * did. Each member has at most one reaction to a message: reacting again replaces it.
 */
public record Reaction(String reaction, List<PeerId> by) {

    /** The longest reaction, in bytes of UTF-8: an emoji of several code points fits, a sentence does not. */
    public static final int MAX_BYTES = 32;

    public Reaction {
        Objects.requireNonNull(reaction, "reaction");
        by = List.copyOf(by);
    }

    /**
     * Why {@code reaction} cannot be one, if it cannot: empty or blank, longer than {@value #MAX_BYTES} bytes, or holding
     * a line break or another control character.
     */
    public static java.util.Optional<String> problem(String reaction) {
        if (reaction == null || reaction.isBlank()) {
            return java.util.Optional.of("a reaction is an emoji or a short word, not nothing");
        }
        if (reaction.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return java.util.Optional.of("a reaction is at most " + MAX_BYTES + " bytes long (an emoji or a short word)");
        }
        if (reaction.codePoints().anyMatch(Character::isISOControl)) {
            return java.util.Optional.of("a reaction holds no line breaks or other control characters");
        }
        return java.util.Optional.empty();
    }
}
