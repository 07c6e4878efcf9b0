package org.peerdesk.messaging.event;

import java.util.List;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;

/** The members typing in a conversation changed: {@code typing} are those typing now (none when the last one stopped). */
public record TypingChanged(ConversationId conversation, List<PeerId> typing) {

    public TypingChanged {
        typing = List.copyOf(typing);
    }
}
