package org.peerdesk.transport;

import java.io.IOException;

/**
 * A stream's read or write failed because the connection under it closed: the peer went away, or a newer
 * connection with it took this one's place. Nothing was wrong with the stream's work, so whoever used it may
 * open another once the peer is connected (again) and go on.
 */
public class ConnectionClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) {
        super(message);
    }

    /** Whether {@code error}, or what caused it, is the end of a stream whose connection closed. */
    public static boolean endedBy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionClosedException) {
                return true;
            }
        }
        return false;
    }
}
