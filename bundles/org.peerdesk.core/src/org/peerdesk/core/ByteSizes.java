package org.peerdesk.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people read them ({@code 512 B}, {@code 1.5 MiB}, {@code 2.0 GiB}) and write them ({@code 500M}, {@code 10 GiB}). */
public final class ByteSizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};
    private static final Pattern WRITTEN = Pattern.compile("([0-9]{1,15}) ?([KMGT]?)I?B?");

    private ByteSizes() {
    }

    /** A size such as 500M, 10G, 10GB, 10 GiB or 1T (all powers of 1024), or plain bytes. */
    public static long parse(String text) throws InvalidInputException {
        Matcher match = WRITTEN.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!match.matches()) {
            throw new InvalidInputException("'" + text.strip() + "' is not a size like 500M or 10G");
        }
        int shift = switch (match.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        long count = Long.parseLong(match.group(1));
        if (count > Long.MAX_VALUE >> shift) {
            throw new InvalidInputException("'" + text.strip() + "' is more than any disk holds");
        }
        return count << shift;
    }

    /** A rate as a user writes it: {@code none} (or {@code 0}), or a size a second such as {@code 500K}, {@code 2M} or {@code 2 MiB/s}. */
    public static long parseRate(String text) throws InvalidInputException {
        String written = text.strip();
        if (written.equalsIgnoreCase("none")) {
            return 0;
        }
        if (written.endsWith("/s") || written.endsWith("/S")) {
            written = written.substring(0, written.length() - 2);
        }
        try {
            return parse(written);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("'" + text.strip() + "' is not a rate like 500K, 2M or none");
        }
    }

    /** A rate as a user reads it: {@code none} for 0, else such as {@code 2.0 MiB/s}. */
    public static String formatRate(long bytesPerSecond) {
        return bytesPerSecond == 0 ? "none" : format(bytesPerSecond) + "/s";
    }

    /** A size as {@link #parse} reads it, in the largest unit that holds it whole: {@code 50G}, {@code 1536M}, {@code 1000}. */
    public static String written(long bytes) {
        String[] suffixes = {"T", "G", "M", "K"};
        for (int i = 0; i < suffixes.length; i++) {
            long unit = 1L << (10 * (suffixes.length - i));
            if (bytes > 0 && bytes % unit == 0) {
                return bytes / unit + suffixes[i];
            }
        }
        return Long.toString(bytes);
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
