package org.peerdesk.core;

/** A clause, as lists such as "Needs you" give it, made a sentence of its own. */
public final class Sentences {

    private Sentences() {
    }

    /** {@code "the folder cannot be read"} becomes {@code "The folder cannot be read."}; "" stays "". */
    public static String of(String clause) {
        if (clause.isEmpty()) {
            return clause;
        }
        return Character.toUpperCase(clause.charAt(0)) + clause.substring(1) + (clause.endsWith(".") ? "" : ".");
    }
}
