package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;

/** Peer addresses in a few bytes each (IPv4, IPv6 or a host name, and a port), for invites and announcements. */
final class AddressCodec {

    static final int MAX_ADDRESSES = 8;
    private static final int HOST_NAME = 0;
    private static final int IPV4 = 4;
    private static final int IPV6 = 6;
    private static final int MAX_LIST_BYTES = maxSize(MAX_ADDRESSES);

    private AddressCodec() {
    }

    /** The largest encoding of {@code count} addresses. */
    static int maxSize(int count) {
        return 1 + count * (2 + 255 + 2);
    }

    static void write(ByteBuffer out, List<PeerAddress> addresses) {
        List<PeerAddress> kept = addresses.subList(0, Math.min(addresses.size(), MAX_ADDRESSES));
        out.put((byte) kept.size());
        for (PeerAddress address : kept) {
            byte[] literal = literal(address.host());
            if (literal == null) {
                byte[] name = address.host().getBytes(StandardCharsets.US_ASCII);
                out.put((byte) HOST_NAME).put((byte) name.length).put(name);
            } else {
                out.put((byte) (literal.length == 4 ? IPV4 : IPV6)).put(literal);
            }
            out.putShort((short) address.port());
        }
    }

    /** Writes {@code addresses} to a stream: the length of their encoding in two bytes, then the encoding. */
    static void writeList(DataOutputStream out, List<PeerAddress> addresses) throws IOException {
        ByteBuffer encoded = ByteBuffer.allocate(MAX_LIST_BYTES);
        write(encoded, addresses);
        out.writeShort(encoded.position());
        out.write(encoded.array(), 0, encoded.position());
    }

    /** Reads what {@link #writeList} wrote, refusing a length no list of addresses has and bytes after the addresses. */
    static List<PeerAddress> readList(DataInputStream in) throws IOException, InvalidInputException {
        int length = in.readUnsignedShort();
        if (length > MAX_LIST_BYTES) {
            throw new InvalidInputException("a list of addresses of " + length + " bytes, where " + MAX_ADDRESSES
                    + " addresses take at most " + MAX_LIST_BYTES);
        }
        byte[] encoded = new byte[length];
        in.readFully(encoded);
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        List<PeerAddress> addresses = read(buffer);
        if (buffer.hasRemaining()) {
            throw new InvalidInputException(buffer.remaining() + " bytes after the addresses");
        }
        return addresses;
    }

    static List<PeerAddress> read(ByteBuffer in) throws InvalidInputException {
        try {
            int count = in.get();
            if (count < 0 || count > MAX_ADDRESSES) {
                throw new InvalidInputException("too many addresses: " + count);
            }
            List<PeerAddress> addresses = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                addresses.add(readOne(in));
            }
            return addresses;
        } catch (BufferUnderflowException | IllegalArgumentException | UnknownHostException e) {
            throw new InvalidInputException("a damaged address", e);
        }
    }

    private static PeerAddress readOne(ByteBuffer in) throws UnknownHostException {
        int type = in.get();
        String host = switch (type) {
            case IPV4, IPV6 -> {
                byte[] literal = new byte[type == IPV4 ? 4 : 16];
                in.get(literal);
                yield InetAddress.getByAddress(literal).getHostAddress();
            }
            case HOST_NAME -> {
                byte[] name = new byte[Byte.toUnsignedInt(in.get())];
                in.get(name);
                yield new String(name, StandardCharsets.US_ASCII);
            }
            default -> throw new IllegalArgumentException("address type " + type);
        };
        return new PeerAddress(host, Short.toUnsignedInt(in.getShort()));
    }

    /** The bytes of {@code host} when it is an IP address written out, or null: a host name is never looked up. */
    static byte[] literal(String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
