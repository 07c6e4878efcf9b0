package org.peerdesk.transport.core;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private InviteCodes() {
    }

    static String encode(PeerId inviter, byte[] secret, List<PeerAddress> addresses) {
        ByteBuffer payload = ByteBuffer.allocate(1 + PeerId.LENGTH + SECRET_LENGTH + AddressCodec.maxSize(AddressCodec.MAX_ADDRESSES));
        payload.put((byte) VERSION).put(inviter.bytes()).put(secret);
        AddressCodec.write(payload, addresses);
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
        byte[] whole;
        try {
            whole = Base32.decode(text, text.length() * 5 / 8);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("The invite code is mistyped: " + e.getMessage()
                    + " They use A to Z and 2 to 7; copy the whole code again.", e);
        }
        if (!Base32.encode(whole).equals(text)) {
            // the last character also carries unused bits: a changed one must not pass unnoticed
            throw new InvalidInputException("The invite code is damaged or mistyped. Copy the whole code again.");
        }
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
        List<PeerAddress> addresses;
        try {
            addresses = AddressCodec.read(in);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("The invite code holds a damaged address; ask for a new one.", e);
        }
        return new Decoded(new PeerId(id), secret, addresses);
    }

    private static byte[] checksum(byte[] body) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), CHECKSUM_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
