package org.peerdesk.transport.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.peerdesk.core.Base32;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;

/**
 * The text of an invite: {@code PD1-} and base32 in groups of eight, holding the inviter's peer
 * ID, a one-time secret, the addresses to reach it, and a checksum that catches any altered or
 * mistyped character.
 */
final class InviteCodes {

    record Decoded(PeerId inviter, byte[] secret, List<PeerAddress> addresses) {
    }

    static final String PREFIX = "PD1-";
    static final int SECRET_LENGTH = 16;
    private static final int VERSION = 1;
    private static final int CHECKSUM_LENGTH = 4;
    private static final int MAX_ADDRESSES = 8;
    private static final int HOST_NAME = 0;
    private static final int IPV4 = 4;
    private static final int IPV6 = 6;

    private InviteCodes() {
    }

    static String encode(PeerId inviter, byte[] secret, List<PeerAddress> addresses) {
        ByteBuffer payload = ByteBuffer.allocate(1 + PeerId.LENGTH + SECRET_LENGTH + 1 + MAX_ADDRESSES * 260);
        payload.put((byte) VERSION).put(inviter.bytes()).put(secret);
        List<PeerAddress> kept = addresses.subList(0, Math.min(addresses.size(), MAX_ADDRESSES));
        payload.put((byte) kept.size());
        for (PeerAddress address : kept) {
            byte[] literal = literal(address.host());
            if (literal == null) {
                byte[] name = address.host().getBytes(StandardCharsets.US_ASCII);
                payload.put((byte) HOST_NAME).put((byte) name.length).put(name);
            } else {
                payload.put((byte) (literal.length == 4 ? IPV4 : IPV6)).put(literal);
            }
            payload.putShort((short) address.port());
        }
        byte[] body = Arrays.copyOf(payload.array(), payload.position());
        byte[] whole = ByteBuffer.allocate(body.length + CHECKSUM_LENGTH).put(body).put(checksum(body)).array();
        String text = Base32.encode(whole);
        StringBuilder grouped = new StringBuilder(PREFIX);
        for (int i = 0; i < text.length(); i += 8) {
            grouped.append(i == 0 ? "" : "-").append(text, i, Math.min(text.length(), i + 8));
        }
        return grouped.toString();
    }

    static Decoded decode(String code) throws InvalidInputException {
        String text = code == null ? "" : code.strip().toUpperCase().replaceAll("[\\s-]", "");
        if (!text.startsWith(PREFIX.replace("-", ""))) {
            throw new InvalidInputException("This is not a Peerdesk invite code (they start with " + PREFIX + ").");
        }
        text = text.substring(PREFIX.length() - 1);
        byte[] whole = Base32.decode(text, text.length() * 5 / 8);
        if (whole.length < 1 + PeerId.LENGTH + SECRET_LENGTH + 1 + CHECKSUM_LENGTH) {
            throw new InvalidInputException("The invite code is incomplete. Copy the whole code again.");
        }
        byte[] body = Arrays.copyOf(whole, whole.length - CHECKSUM_LENGTH);
        if (!MessageDigest.isEqual(checksum(body), Arrays.copyOfRange(whole, body.length, whole.length))) {
            throw new InvalidInputException("The invite code is damaged or mistyped. Copy the whole code again.");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        if (in.get() != VERSION) {
            throw new InvalidInputException("This invite was made by another version of Peerdesk; ask for a new one.");
        }
        byte[] id = new byte[PeerId.LENGTH];
        byte[] secret = new byte[SECRET_LENGTH];
        in.get(id).get(secret);
        List<PeerAddress> addresses = new ArrayList<>();
        try {
            int count = in.get();
            for (int i = 0; i < count; i++) {
                addresses.add(readAddress(in));
            }
        } catch (RuntimeException | UnknownHostException e) {
            throw new InvalidInputException("The invite code holds a damaged address; ask for a new one.", e);
        }
        return new Decoded(new PeerId(id), secret, addresses);
    }

    private static PeerAddress readAddress(ByteBuffer in) throws UnknownHostException {
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

    /** The address as bytes if it is an IP literal; null for a host name (never looked up here). */
    private static byte[] literal(String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] checksum(byte[] body) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), CHECKSUM_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
