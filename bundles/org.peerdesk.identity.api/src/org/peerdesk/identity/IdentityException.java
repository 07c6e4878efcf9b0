package org.peerdesk.identity;

import org.peerdesk.core.PeerdeskException;

/** The node's identity cannot be created, read or used; the message says why and what to do. */
public class IdentityException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
