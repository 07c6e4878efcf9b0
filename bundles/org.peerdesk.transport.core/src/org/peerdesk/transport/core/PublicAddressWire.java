package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;

/**
 * Two peers telling each other where they can be reached from other networks: the side that opens the stream
 * writes its addresses, the other answers with its own. Each list is its length in two bytes, then the
 * {@link AddressCodec} encoding.
 */
final class PublicAddressWire {

    static final String PROTOCOL = "/peerdesk/addresses/1";
    static final ProtocolId ID = ProtocolId.of(PROTOCOL);
    private static final int MAX_BYTES = AddressCodec.maxSize(AddressCodec.MAX_ADDRESSES);

    private PublicAddressWire() {
    }

    static void write(DataOutputStream out, List<PeerAddress> addresses) throws IOException {
        ByteBuffer encoded = ByteBuffer.allocate(MAX_BYTES);
        AddressCodec.write(encoded, addresses);
        out.writeShort(encoded.position());
        out.write(encoded.array(), 0, encoded.position());
        out.flush();
    }

    static List<PeerAddress> read(DataInputStream in) throws IOException, InvalidInputException {
        int length = in.readUnsignedShort();
        if (length > MAX_BYTES) {
            throw new InvalidInputException("a list of addresses of " + length + " bytes, where " + AddressCodec.MAX_ADDRESSES
                    + " addresses take at most " + MAX_BYTES);
        }
        byte[] encoded = new byte[length];
        in.readFully(encoded);
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        List<PeerAddress> addresses = AddressCodec.read(buffer);
        if (buffer.hasRemaining()) {
            throw new InvalidInputException(buffer.remaining() + " bytes after the addresses");
        }
        return addresses;
    }
}
