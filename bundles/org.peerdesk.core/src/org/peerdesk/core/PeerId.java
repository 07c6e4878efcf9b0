package org.peerdesk.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of a peer: the SHA-256 digest of its public key.
 *
 * <p>The text form is the digest in base32, cut into four runs of 13 characters, each followed by
 * a check character, and shown in groups of seven: {@code ABCDEFG-HIJKLMN-...}. The check
 * characters let {@link #parse(String)} catch a mistyped ID before any connection is tried.
 */
public record PeerId(byte[] bytes) implements Comparable<PeerId> {

    public static final int LENGTH = 32;

    private static final int RUN = 13;
    private static final int GROUP = 7;
    private static final int TEXT_LENGTH = 56;

    public PeerId {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("A peer ID is " + LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    /** The peer ID of the node whose public key has this encoding (X.509 SubjectPublicKeyInfo). */
    public static PeerId ofPublicKey(byte[] encodedPublicKey) {
        try {
            return new PeerId(MessageDigest.getInstance("SHA-256").digest(encodedPublicKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads a peer ID as a person typed or pasted it: case, dashes and spaces do not matter, and
     * the digits 0, 1 and 8 are read as the letters O, I and B that they are mistaken for.
     *
     * @throws InvalidInputException with a message that says what is wrong with the text
     */
    public static PeerId parse(String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("The peer ID is empty.");
        }
        String chars = normalise(text);
        if (chars.length() != TEXT_LENGTH) {
            throw new InvalidInputException("A peer ID has " + TEXT_LENGTH + " letters and digits; '"
                    + text.strip() + "' has " + chars.length() + ". Copy the whole ID again.");
        }
        StringBuilder digest = new StringBuilder(4 * RUN);
        for (int run = 0; run < 4; run++) {
            String block = chars.substring(run * (RUN + 1), run * (RUN + 1) + RUN);
            char check = chars.charAt(run * (RUN + 1) + RUN);
            if (Base32.luhnCheck(block) != check) {
                throw new InvalidInputException("The peer ID '" + text.strip()
                        + "' has a typo near characters " + (run * (RUN + 1) + 1) + " to "
                        + (run * (RUN + 1) + RUN + 1) + ". Copy the ID again.");
            }
            digest.append(block);
        }
        return new PeerId(Base32.decode(digest.toString(), LENGTH));
    }

    /** The peer ID written as {@link #toHex()} wrote it, as databases hold it. */
    public static PeerId fromHex(String hex) {
        return new PeerId(HexFormat.of().parseHex(hex));
    }

    private static String normalise(String text) {
        StringBuilder out = new StringBuilder(TEXT_LENGTH);
        for (char c : text.toCharArray()) {
            char u = Character.toUpperCase(c);
            switch (u) {
                case '-', ' ', '\t', '\n', '\r' -> { }
                case '0' -> out.append('O');
                case '1' -> out.append('I');
                case '8' -> out.append('B');
                default -> out.append(u);
            }
        }
        return out.toString();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The first group of the text form: enough to tell peers apart in logs and lists. */
    public String shortForm() {
        return toString().substring(0, GROUP);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        String digest = Base32.encode(bytes);
        StringBuilder withChecks = new StringBuilder(TEXT_LENGTH);
        for (int run = 0; run < 4; run++) {
            String block = digest.substring(run * RUN, run * RUN + RUN);
            withChecks.append(block).append(Base32.luhnCheck(block));
        }
        StringBuilder grouped = new StringBuilder(TEXT_LENGTH + TEXT_LENGTH / GROUP);
        for (int i = 0; i < TEXT_LENGTH; i += GROUP) {
            if (i > 0) {
                grouped.append('-');
            }
            grouped.append(withChecks, i, i + GROUP);
        }
        return grouped.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(PeerId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }
}
