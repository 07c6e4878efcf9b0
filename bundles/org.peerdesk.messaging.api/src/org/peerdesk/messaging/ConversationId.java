package org.peerdesk.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;

/**
 * Names a conversation the same way on every member's node: 32 lower-case hex digits. A direct
 * conversation's ID follows from its two peers; a group's is drawn at random by its creator.
 */
public record ConversationId(String value) {

    public static final int BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ConversationId {
        if (value == null || !value.matches("[0-9a-f]{" + 2 * BYTES + "}")) {
            throw new IllegalArgumentException("Not a conversation ID (32 hex digits): " + value);
        }
    }

    /** The conversation between two peers, whichever of them asks. */
    public static ConversationId direct(PeerId one, PeerId other) {
        PeerId low = one.compareTo(other) <= 0 ? one : other;
        PeerId high = low == one ? other : one;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("peerdesk direct conversation".getBytes(StandardCharsets.US_ASCII));
            digest.update(low.bytes());
            digest.update(high.bytes());
            return of(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public static ConversationId random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return of(bytes);
    }

    /** The ID made of the first {@value #BYTES} of {@code bytes}. */
    public static ConversationId of(byte[] bytes) {
        return new ConversationId(HexFormat.of().formatHex(bytes, 0, BYTES));
    }

    public static ConversationId parse(String text) throws InvalidInputException {
        String wanted = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!wanted.matches("[0-9a-f]{" + 2 * BYTES + "}")) {
            throw new InvalidInputException("'" + text + "' is not a conversation ID (32 hex digits).");
        }
        return new ConversationId(wanted);
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
