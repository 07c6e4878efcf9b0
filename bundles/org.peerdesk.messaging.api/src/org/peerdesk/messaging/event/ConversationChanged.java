package org.peerdesk.messaging.event;

import org.peerdesk.messaging.ConversationId;

/** A conversation was created, marked read, or its members changed. */
public record ConversationChanged(ConversationId conversation) {
}
