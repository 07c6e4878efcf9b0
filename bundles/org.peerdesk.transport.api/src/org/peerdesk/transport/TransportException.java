package org.peerdesk.transport;

import org.peerdesk.core.PeerdeskException;

/** A connection or stream could not be made or broke; the message says why. */
public class TransportException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
