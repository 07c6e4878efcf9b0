package org.peerdesk.messaging.core;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.peerdesk.messaging.ConversationId;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.Stream;

/**
 * Takes a peer's typing notices. Each is checked against the conversation's members here; a peer that
 * sends more than a few a second is slowed down (see {@link Pace}), so a flood costs next to nothing.
 */
final class TypingServer {

    /** Notices per second one peer may send, in bursts of a few: a member typing in several conversations at once. */
    static final double PER_SECOND = 4;
    static final double BURST = 8;

    private final Typing typing;
    private final Pace pace = new Pace(PER_SECOND, BURST);

    TypingServer(Typing typing) {
        this.typing = typing;
    }

    void serve(Stream stream) throws IOException, StorageException, InterruptedException {
        InputStream in = new BufferedInputStream(stream.input(), 1024);
        for (ConversationId conversation = TypingWire.read(in); conversation != null; conversation = TypingWire.read(in)) {
            pace.take(stream.peer(), 1);
            typing.heard(stream.peer(), conversation);
        }
    }
}
