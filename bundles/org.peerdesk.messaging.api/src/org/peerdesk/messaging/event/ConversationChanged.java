package org.peerdesk.messaging.event;

import org.peerdesk.messaging.ConversationId;

/** A conversation was created, marked read, its members changed, or a message in it was edited or deleted. */
public record ConversationChanged(ConversationId conversation) {
}
