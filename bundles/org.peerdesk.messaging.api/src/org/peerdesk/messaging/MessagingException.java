package org.peerdesk.messaging;

import org.peerdesk.core.PeerdeskException;

/** A messaging operation that could not be done; the message says why and, where it can, what to do. */
public class MessagingException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
