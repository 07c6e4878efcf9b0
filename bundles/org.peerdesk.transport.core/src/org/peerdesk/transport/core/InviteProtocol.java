package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.IOException;

import org.peerdesk.transport.ProtocolId;

/**
 * The invite exchange on the wire. The guest sends the invite's secret and its name; the inviter
 * answers with a {@link Reply} and, when accepted, its own name.
 */
final class InviteProtocol {

    static final ProtocolId ID = ProtocolId.of("/peerdesk/invite/1");

    enum Reply {
        ACCEPTED("accepted"),
        USED("This invite was already used. Ask for a new one."),
        EXPIRED("This invite has expired. Ask for a new one."),
        UNKNOWN("The inviter does not know this invite (it may have been withdrawn). Ask for a new one.");

        final String message;

        Reply(String message) {
            this.message = message;
        }

        static Reply of(InviteLedger.Outcome outcome) {
            return valueOf(outcome.name());
        }

        static Reply read(DataInputStream in) throws IOException {
            int code = in.readUnsignedByte();
            return code < values().length ? values()[code] : UNKNOWN;
        }
    }

    private InviteProtocol() {
    }
}
