package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.transport.ProtocolId;

/**
 * The messages of {@code /peerdesk/given/1}, one exchange per stream. An owner tells a peer everything it now grants
 * that peer, in full, so that a told list replaces the last one and a revocation needs no message of its own; the peer
 * replies as to an access message ({@link AccessMessages#reply}). Or a peer asks, having just come to know the owner
 * (whose telling, as they connected, it refused as a stranger's), and the owner answers with the list.
 */
final class GivenMessages {

    static final ProtocolId PROTOCOL = ProtocolId.of("/peerdesk/given/1");
    static final int TELL = 1;
    static final int ASK = 2;
    /** More grants to one peer than anyone keeps by hand; a longer list is refused as malformed. */
    static final int MAX_TERMS = 1024;

    private GivenMessages() {
    }

    static void tell(DataOutputStream out, List<GrantTerms> given) throws IOException {
        out.writeByte(TELL);
        writeList(out, given);
    }

    static void ask(DataOutputStream out) throws IOException {
        out.writeByte(ASK);
        out.flush();
    }

    /** What the side that opened the stream does: {@link #TELL} or {@link #ASK}. */
    static int readKind(DataInputStream in) throws IOException, InvalidInputException {
        int kind = in.readUnsignedByte();
        if (kind != TELL && kind != ASK) {
            throw new InvalidInputException("unknown message type " + kind);
        }
        return kind;
    }

    static void writeList(DataOutputStream out, List<GrantTerms> given) throws IOException {
        if (given.size() > MAX_TERMS) {
            throw new IOException("more than " + MAX_TERMS + " grants to tell one peer");
        }
        out.writeShort(given.size());
        for (GrantTerms terms : given) {
            AccessMessages.writeTerms(out, terms);
        }
        out.flush();
    }

    static List<GrantTerms> readList(DataInputStream in) throws IOException, InvalidInputException {
        int count = in.readUnsignedShort();
        if (count > MAX_TERMS) {
            throw new InvalidInputException("a list of " + count + " grants, more than " + MAX_TERMS);
        }
        List<GrantTerms> given = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            given.add(AccessMessages.readTerms(in));
        }
        return given;
    }
}
