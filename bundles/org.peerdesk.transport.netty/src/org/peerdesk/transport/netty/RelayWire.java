package org.peerdesk.transport.netty;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;

/**
 * The relay protocol: a peer both sides know carries a connection between two peers that cannot reach each other.
 * A stream starts with a request, a kind byte and a peer ID: {@link #CONNECT} (to the relay: carry me to that peer)
 * or {@link #INCOMING} (from the relay to that peer: a connection from the peer named comes through me). The answer
 * is a status byte, with a reason when refused. After a yes, the stream carries the relayed connection's bytes,
 * which are TLS between the two ends: the relay sees neither what they say nor could it pass for either.
 */
final class RelayWire {

    static final String PROTOCOL = "/peerdesk/relay/1";
    static final ProtocolId ID = ProtocolId.of(PROTOCOL);
    static final int CONNECT = 1;
    static final int INCOMING = 2;
    private static final int YES = 0;
    private static final int NO = 1;
    private static final int MAX_REASON = 300;

    /** What a stream asks for: {@code kind} with {@code peer}. */
    record Request(int kind, PeerId peer) {
    }

    private RelayWire() {
    }

    static void writeRequest(DataOutputStream out, int kind, PeerId peer) throws IOException {
        out.writeByte(kind);
        out.write(peer.bytes());
        out.flush();
    }

    static Request readRequest(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind != CONNECT && kind != INCOMING) {
            throw new IOException("not a relay request: kind " + kind);
        }
        byte[] peer = new byte[PeerId.LENGTH];
        in.readFully(peer);
        return new Request(kind, new PeerId(peer));
    }

    /** Says yes ({@code refusal} empty), or no with the reason. */
    static void writeAnswer(DataOutputStream out, Optional<String> refusal) throws IOException {
        out.writeByte(refusal.isPresent() ? NO : YES);
        if (refusal.isPresent()) {
            String reason = refusal.get();
            out.writeUTF(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        }
        out.flush();
    }

    /** Empty for yes; the reason for no. */
    static Optional<String> readAnswer(DataInputStream in) throws IOException {
        int status = in.readUnsignedByte();
        return switch (status) {
            case YES -> Optional.empty();
            case NO -> {
                String reason = in.readUTF();
                if (reason.length() > MAX_REASON) {
                    throw new IOException("a relay's reason of " + reason.length() + " characters");
                }
                yield Optional.of(reason);
            }
            default -> throw new IOException("not a relay answer: status " + status);
        };
    }
}
