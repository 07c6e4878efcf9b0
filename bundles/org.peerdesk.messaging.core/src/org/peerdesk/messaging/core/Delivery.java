package org.peerdesk.messaging.core;

import org.peerdesk.messaging.Message;

/**
 * How far a message got to one recipient, as the number stored for it: the least number over all
 * recipients is the message's state, and a number never goes down (a late "delivered" does not
 * undo "read"). Stored numbers were renumbered once, when {@link #PASSED_ON} came (see {@link MessagingSchema}).
 */
final class Delivery {

    static final int FAILED = -1;
    static final int SENDING = 0;
    static final int AT_MAILBOX = 1;
    static final int PASSED_ON = 2;
    static final int DELIVERED = 3;
    static final int READ = 4;

    private Delivery() {
    }

    static Message.Delivery of(int progress) {
        return switch (progress) {
            case FAILED -> Message.Delivery.FAILED;
            case SENDING -> Message.Delivery.SENDING;
            case AT_MAILBOX -> Message.Delivery.AT_MAILBOX;
            case PASSED_ON -> Message.Delivery.PASSED_ON;
            case DELIVERED -> Message.Delivery.DELIVERED;
            default -> Message.Delivery.READ;
        };
    }
}
