package org.peerdesk.messaging.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The {@value #PROTOCOL} protocol: the opener sends signed envelopes, its first one a hello; the
 * other side answers each, in order, once it has stored it:
 * <pre>
 * opener:   envelope length (int), envelope bytes     (repeated)
 * answer:   verdict (STORED | REFUSED reason | LATER reason)   (one per envelope, same order)
 * </pre>
 */
final class MessagesWire {

    static final String PROTOCOL = "/peerdesk/messages/1";
    static final int MAX_REASON = 500;

    private MessagesWire() {
    }

    static void writeEnvelope(DataOutputStream out, byte[] envelope) throws IOException {
        out.writeInt(envelope.length);
        out.write(envelope);
    }

    /** The next envelope, or null when the opener closed its side; a frame over the limit ends the stream. */
    static byte[] readEnvelope(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException closed) {
            return null;
        }
        if (length <= 0 || length > Envelopes.MAX_BYTES) {
            throw new IOException("an envelope of " + length + " bytes is over the limit of " + Envelopes.MAX_BYTES);
        }
        byte[] envelope = new byte[length];
        in.readFully(envelope);
        return envelope;
    }

    static void writeVerdict(DataOutputStream out, Verdict verdict) throws IOException {
        out.writeByte(verdict.kind().ordinal());
        if (verdict.kind() != Verdict.Kind.STORED) {
            String reason = verdict.reason();
            out.writeUTF(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        }
    }

    static Verdict readVerdict(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind >= Verdict.Kind.values().length) {
            throw new IOException("the peer answered with an unknown verdict " + kind);
        }
        if (kind == Verdict.Kind.STORED.ordinal()) {
            return Verdict.STORED;
        }
        String reason = in.readUTF();
        return new Verdict(Verdict.Kind.values()[kind], reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
    }
}
