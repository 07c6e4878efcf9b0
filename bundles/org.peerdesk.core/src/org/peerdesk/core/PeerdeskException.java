package org.peerdesk.core;

/**
 * The root of Peerdesk's checked errors. Its message says what happened and, where the user can
 * act, what to do; asynchronous APIs complete exceptionally with one of its subclasses.
 */
public class PeerdeskException extends Exception {

    private static final long serialVersionUID = 1L;

    public PeerdeskException(String message) {
        super(message);
    }

    public PeerdeskException(String message, Throwable cause) {
        super(message, cause);
    }
}
