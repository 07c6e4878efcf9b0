package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.ProtocolId;

/**
 * A node asking a peer to dial it back where the peer sees it ({@link DialBacks}, {@link DialBackHandler}): the asker
 * sends one byte, the peer answers with one (1: it got through, 0: it did not) and why not, in at most
 * {@value #MAX_REASON} characters of modified UTF-8.
 */
final class DialBackWire {

    static final String PROTOCOL = "/peerdesk/dialback/1";
    static final ProtocolId ID = ProtocolId.of(PROTOCOL);
    static final int MAX_REASON = 400;
    private static final int ASK = 1;

    /** What the peer found: whether its dial got through, and why not. */
    record Answer(boolean reached, String reason) {
    }

    private DialBackWire() {
    }

    static void writeAsk(DataOutputStream out) throws IOException {
        out.writeByte(ASK);
        out.flush();
    }

    static void readAsk(DataInputStream in) throws IOException, InvalidInputException {
        int asked = in.readUnsignedByte();
        if (asked != ASK) {
            throw new InvalidInputException("byte " + asked + " where a request to dial back (" + ASK + ") belongs");
        }
    }

    static void writeAnswer(DataOutputStream out, Answer answer) throws IOException {
        out.writeBoolean(answer.reached());
        String reason = answer.reason();
        out.writeUTF(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        out.flush();
    }

    static Answer readAnswer(DataInputStream in) throws IOException, InvalidInputException {
        int reached = in.readUnsignedByte();
        if (reached > 1) {
            throw new InvalidInputException("byte " + reached + " where whether the dial got through (0 or 1) belongs");
        }
        String reason = in.readUTF();
        if (reason.length() > MAX_REASON) {
            throw new InvalidInputException("a reason of " + reason.length() + " characters, where " + MAX_REASON + " are the most");
        }
        return new Answer(reached == 1, reason);
    }
}
