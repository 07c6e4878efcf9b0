package org.peerdesk.core;

/** A number of things as people write it: {@code 1 file}, {@code 3 files}, {@code 0 files}. */
public final class Counts {

    private Counts() {
    }

    /** {@code thing} is a noun whose plural takes an "s". */
    public static String of(long count, String thing) {
        return of(count, thing, thing + "s");
    }

    /** For a noun with a plural of its own: {@code of(n, "entry", "entries")}. */
    public static String of(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    /** Work under way: {@code 40 of 120 paths}, {@code 1 of 1 path}. */
    public static String outOf(long done, long total, String thing) {
        return done + " of " + of(total, thing);
    }
}
