package org.peerdesk.core;

/** RFC 4648 base32 without padding (upper case), and the Luhn mod 32 check character over its alphabet. */
public final class Base32 {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Decodes {@code length} bytes from {@code text}; a character outside the alphabet is refused. */
    public static byte[] decode(String text, int length) throws InvalidInputException {
        byte[] out = new byte[length];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new InvalidInputException("'" + c + "' is not a letter or digit these codes use.");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                if (index < length) {
                    out[index++] = (byte) (buffer >> (bits - 8));
                }
                bits -= 8;
            }
        }
        return out;
    }

    /** Luhn mod 32 over the alphabet: catches any single wrong character and most swaps. */
    static char luhnCheck(String block) {
        int factor = 1;
        int sum = 0;
        int n = ALPHABET.length();
        for (int i = block.length() - 1; i >= 0; i--) {
            int codePoint = ALPHABET.indexOf(block.charAt(i));
            if (codePoint < 0) {
                return '?';
            }
            int addend = factor * codePoint;
            factor = factor == 2 ? 1 : 2;
            addend = addend / n + addend % n;
            sum += addend;
        }
        int remainder = sum % n;
        return ALPHABET.charAt((n - remainder) % n);
    }
}
