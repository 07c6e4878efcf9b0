package org.peerdesk.transport.netty;

import java.io.IOException;

import org.peerdesk.transport.ConnectionClosedException;

/**
 * A stream was reset or its connection closed while someone read or wrote it: the ordinary end of a
 * stream whose peer went away or withdrew it, not a fault of whoever used it.
 */
final class StreamClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    StreamClosedException(String reason) {
        super("The stream was closed: " + reason);
    }

    /** Whether {@code error}, or what it wraps, is the end of a stream, by a reset or with its connection. */
    static boolean endedTheStream(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamClosedException || cause instanceof ConnectionClosedException) {
                return true;
            }
        }
        return false;
    }
}
