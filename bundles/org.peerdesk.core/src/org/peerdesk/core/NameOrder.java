package org.peerdesk.core;

import java.util.Comparator;
import java.util.Locale;

/**
 * The order people expect file names in: without regard to case, and numbers by their value, so that
 * "Chapter 2" comes before "Chapter 10" and "IMG_9" before "img_10". {@link #key} turns a name into text
 * whose plain order ({@link String#compareTo}, which is also how the database compares text) is this order,
 * so that an index can keep names in it.
 */
public final class NameOrder {

    /** Names in this order; names with the same key (they differ in case or leading zeros only) by their text. */
    public static final Comparator<String> NAMES = Comparator.comparing(NameOrder::key).thenComparing(Comparator.naturalOrder());

    /** Lengths up to this take one character in a key; longer ones are written as a number of their own. */
    private static final int SHORT_LENGTH = 8;

    private NameOrder() {
    }

    /**
     * The name in lower case, with each run of digits written as its length and then its digits without
     * leading zeros: a longer number sorts after a shorter one, numbers of one length by their digits.
     */
    public static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(lower.length() + 8);
        int at = 0;
        while (at < lower.length()) {
            if (!isDigit(lower.charAt(at))) {
                key.append(lower.charAt(at++));
                continue;
            }
            int end = at;
            while (end < lower.length() && isDigit(lower.charAt(end))) {
                end++;
            }
            while (at < end - 1 && lower.charAt(at) == '0') {
                at++;
            }
            appendLength(key, end - at);
            key.append(lower, at, end);
            at = end;
        }
        return key.toString();
    }

    /**
     * A length as text that sorts as the lengths do: one digit up to {@link #SHORT_LENGTH}, else a 9 followed by the
     * length written the same way (the length of its digits, then its digits). Being digits, the length sorts
     * against letters and punctuation as the number it stands for did.
     */
    private static void appendLength(StringBuilder key, int length) {
        if (length <= SHORT_LENGTH) {
            key.append((char) ('0' + length));
            return;
        }
        String digits = Integer.toString(length);
        key.append('9');
        appendLength(key, digits.length());
        key.append(digits);
    }

    /** ASCII digits only: other scripts' digits are sorted as the characters they are. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
