package org.peerdesk.core;

/** A number of things as people write it: {@code 1 file}, {@code 3 files}, {@code 0 files}. */
public final class Counts {

    private Counts() {
    }

    /** {@code thing} is a noun whose plural takes an "s", as every noun these messages count does. */
    public static String of(long count, String thing) {
        return count + " " + thing + (count == 1 ? "" : "s");
    }
}
