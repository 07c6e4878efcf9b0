package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;

/**
 * Two peers telling each other where they can be reached from other networks, and where each reaches the other: the
 * side that opens the stream says its piece, the other answers with its own. A piece is two lists, each its length in
 * two bytes then the {@link AddressCodec} encoding: the sender's public addresses, then where it reaches the receiver
 * (none over a relay).
 */
final class PublicAddressWire {

    static final String PROTOCOL = "/peerdesk/addresses/1";
    static final ProtocolId ID = ProtocolId.of(PROTOCOL);

    /** One side's piece: where it can be reached from other networks, and where it reaches the other side directly. */
    record Said(List<PeerAddress> addresses, Optional<PeerAddress> reachesYouAt) {
    }

    private PublicAddressWire() {
    }

    static void write(DataOutputStream out, Said said) throws IOException {
        AddressCodec.writeList(out, said.addresses());
        AddressCodec.writeList(out, said.reachesYouAt().stream().toList());
        out.flush();
    }

    static Said read(DataInputStream in) throws IOException, InvalidInputException {
        List<PeerAddress> addresses = AddressCodec.readList(in);
        List<PeerAddress> reachesYouAt = AddressCodec.readList(in);
        if (reachesYouAt.size() > 1) {
            throw new InvalidInputException(reachesYouAt.size() + " addresses where the peer reaches this node, where one is the most");
        }
        return new Said(addresses, reachesYouAt.stream().findFirst());
    }
}
