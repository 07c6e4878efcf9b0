package org.peerdesk.messaging.event;

import org.peerdesk.messaging.Message;

/** A message was sent from this node or arrived from a peer. */
public record MessageAdded(Message message) {
}
