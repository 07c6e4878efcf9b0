package org.peerdesk.messaging;

import java.util.Objects;
import java.util.Optional;

/**
 * What the user was writing in a conversation and did not send: its text, and the ID of the message it was to answer,
 * for a reply. Kept on the user's node only ({@link MessageService#saveDraft}).
 */
public record Draft(String text, Optional<String> replyTo) {

    /** No draft. */
    public static final Draft NONE = new Draft("", Optional.empty());

    public Draft {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(replyTo, "replyTo");
    }

    /** Whether there is nothing to keep: a blank text (a reply's target alone is not worth keeping). */
    public boolean isEmpty() {
        return text.isBlank();
    }
}
