package org.peerdesk.core;

/** Input from a user, a file or the network that cannot be accepted; the message says why. */
public class InvalidInputException extends PeerdeskException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
