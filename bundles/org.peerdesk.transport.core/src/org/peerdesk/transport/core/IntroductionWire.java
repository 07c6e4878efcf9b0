package org.peerdesk.transport.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;

/**
 * Introductions on the wire. The introducer sends, one after another, each peer it introduces: a length, then
 * the peer's ID, the name the introducer knows it by and where it reaches it; the other side answers each with
 * what became of it ({@link IntroductionBook.Outcome}). The introducer ends the stream when it has no more.
 */
final class IntroductionWire {

    static final ProtocolId ID = ProtocolId.of("/peerdesk/introduce/1");
    /** An introduction is small: an ID, a name of at most 255 bytes, a few addresses. */
    static final int MAX_BYTES = PeerId.LENGTH + 1 + 255 + AddressCodec.maxSize(AddressCodec.MAX_ADDRESSES);

    /** A peer as its introducer describes it. */
    record Described(PeerId peer, String name, List<PeerAddress> addresses) {
    }

    private IntroductionWire() {
    }

    static void write(DataOutputStream out, Described described) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(body);
        fields.write(described.peer().bytes());
        WireNames.write(fields, described.name());
        ByteBuffer addresses = ByteBuffer.allocate(AddressCodec.maxSize(AddressCodec.MAX_ADDRESSES));
        AddressCodec.write(addresses, described.addresses());
        fields.write(addresses.array(), 0, addresses.position());
        out.writeShort(body.size());
        body.writeTo(out);
        out.flush();
    }

    /** The next introduction, or empty when the introducer ended the stream between two. */
    static Optional<Described> read(DataInputStream in) throws IOException, InvalidInputException {
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        int length = (first << 8) | in.readUnsignedByte();
        if (length > MAX_BYTES || length < PeerId.LENGTH + 2) {
            throw new InvalidInputException("an introduction of " + length + " bytes");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        DataInputStream fields = new DataInputStream(new ByteArrayInputStream(body));
        byte[] peer = new byte[PeerId.LENGTH];
        fields.readFully(peer);
        String name = WireNames.read(fields);
        List<PeerAddress> addresses = AddressCodec.read(ByteBuffer.wrap(fields.readAllBytes()));
        return Optional.of(new Described(new PeerId(peer), name, addresses));
    }

    static void writeOutcome(DataOutputStream out, IntroductionBook.Outcome outcome) throws IOException {
        out.writeByte(outcome.ordinal());
        out.flush();
    }

    static IntroductionBook.Outcome readOutcome(DataInputStream in) throws IOException, InvalidInputException {
        int code = in.read();
        if (code < 0) {
            throw new EOFException("the peer hung up before it answered");
        }
        IntroductionBook.Outcome[] outcomes = IntroductionBook.Outcome.values();
        if (code >= outcomes.length) {
            throw new InvalidInputException("an unknown answer to an introduction: " + code);
        }
        return outcomes[code];
    }
}
