package org.peerdesk.messaging.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.peerdesk.messaging.ConversationId;

/**
 * The {@value #PROTOCOL} protocol: one way, from the typing member to a peer, nothing answered. Each
 * notice is the {@value ConversationId#BYTES} bytes of the conversation's ID.
 */
final class TypingWire {

    static final String PROTOCOL = "/peerdesk/typing/1";

    private TypingWire() {
    }

    static void write(OutputStream out, ConversationId conversation) throws IOException {
        out.write(conversation.bytes());
        out.flush();
    }

    /** The next notice's conversation, or null once the peer closed its side. */
    static ConversationId read(InputStream in) throws IOException {
        byte[] id = in.readNBytes(ConversationId.BYTES);
        if (id.length == 0) {
            return null;
        }
        if (id.length < ConversationId.BYTES) {
            throw new EOFException("a typing notice ended after " + id.length + " of its " + ConversationId.BYTES + " bytes");
        }
        return ConversationId.of(id);
    }
}
