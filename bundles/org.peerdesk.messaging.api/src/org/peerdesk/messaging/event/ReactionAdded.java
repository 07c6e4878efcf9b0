package org.peerdesk.messaging.event;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Message;

/** A member ({@code by}) reacted to a message with {@code reaction}; {@code message} is as it stands now, reactions and all. */
public record ReactionAdded(Message message, PeerId by, String reaction) {
}
