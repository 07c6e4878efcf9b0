package org.peerdesk.messaging;

import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/** How far a message sent from this node got with one of its recipients, and why it waits or failed there, if it does. */
public record Receipt(PeerId recipient, Message.Delivery delivery, Optional<String> problem) {

    public Receipt {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(problem, "problem");
    }
}
