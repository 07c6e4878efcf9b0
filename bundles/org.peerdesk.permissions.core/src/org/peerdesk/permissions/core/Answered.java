package org.peerdesk.permissions.core;

import java.io.IOException;
import java.io.InputStream;

import org.peerdesk.transport.Stream;

/**
 * Ends the answering side of a request-and-answer stream: waits until the asker, having read the
 * answer, closes its side. Closing first would reset a stream the asker still writes on, and a
 * reset drops the answer the asker has not read yet.
 */
final class Answered {

    private static final int MAX_TRAILING_BYTES = 1 << 16;

    private Answered() {
    }

    static void awaitAskerClose(Stream stream) {
        try {
            InputStream in = stream.input();
            long trailing = 0;
            while (in.read() >= 0 && ++trailing < MAX_TRAILING_BYTES) {
                // drained; past the limit, returning resets the stream of an asker that keeps sending
            }
        } catch (IOException e) {
            // the asker reset the stream: it is gone either way
        }
    }
}
