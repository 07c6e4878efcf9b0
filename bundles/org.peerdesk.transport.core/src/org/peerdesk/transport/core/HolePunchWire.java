package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;

/**
 * Two peers agreeing to dial each other at once ({@link HolePunching}): the side that opens the stream says where it
 * can be dialed, the other answers the same ({@link AddressCodec#writeList}), and the opener then sends one byte, "now".
 */
final class HolePunchWire {

    static final String PROTOCOL = "/peerdesk/holepunch/1";
    static final ProtocolId ID = ProtocolId.of(PROTOCOL);
    private static final int NOW = 1;

    private HolePunchWire() {
    }

    static void writeAddresses(DataOutputStream out, List<PeerAddress> addresses) throws IOException {
        AddressCodec.writeList(out, addresses);
        out.flush();
    }

    static List<PeerAddress> readAddresses(DataInputStream in) throws IOException, InvalidInputException {
        return AddressCodec.readList(in);
    }

    static void writeNow(DataOutputStream out) throws IOException {
        out.writeByte(NOW);
        out.flush();
    }

    static void readNow(DataInputStream in) throws IOException, InvalidInputException {
        int said = in.readUnsignedByte();
        if (said != NOW) {
            throw new InvalidInputException("byte " + said + " where the signal to dial (" + NOW + ") belongs");
        }
    }
}
