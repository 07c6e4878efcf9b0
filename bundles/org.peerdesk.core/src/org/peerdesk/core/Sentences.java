package org.peerdesk.core;

import java.util.List;

/**
 * Sentences made of parts: a clause, as lists such as "Needs you" give it, made a sentence of its own; names listed; long
 * lines wrapped.
 */
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

    /**
     * {@code text} with each line longer than {@code width} broken at its last space within the width (a word longer than
     * the width stays whole): for a tooltip, which a window system shows on one line however long.
     */
    public static String wrapped(String text, int width) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (String line : text.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            String rest = line;
            while (rest.length() > width) {
                int space = rest.lastIndexOf(' ', width);
                int end = space > 0 ? space : rest.indexOf(' ', width);
                if (end < 0) {
                    break;
                }
                out.append(rest, 0, end).append('\n');
                rest = rest.substring(end + 1);
            }
            out.append(rest);
        }
        return out.toString();
    }

    /** Items as a sentence lists them: "Ben", "Ben and Cai", "Ben, Cai and Dan"; "" for none. */
    public static String listed(List<String> items) {
        return items.size() <= 1 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
