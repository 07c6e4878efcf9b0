package org.peerdesk.messaging.event;

import org.peerdesk.messaging.ConversationId;

/** Messages of a conversation that this node sent moved on: delivered, read, or failed. */
public record DeliveryChanged(ConversationId conversation) {
}
