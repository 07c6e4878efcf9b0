package org.peerdesk.core;

import java.util.List;

/** Sentences made of parts: a clause, as lists such as "Needs you" give it, made a sentence of its own; names listed. */
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

    /** Items as a sentence lists them: "Ben", "Ben and Cai", "Ben, Cai and Dan"; "" for none. */
    public static String listed(List<String> items) {
        return items.size() <= 1 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
