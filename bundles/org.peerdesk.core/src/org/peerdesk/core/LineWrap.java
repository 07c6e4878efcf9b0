package org.peerdesk.core;

import java.util.stream.Collectors;

/** Text broken into lines of at most a given width, for places that do not wrap on their own (tooltips). */
public final class LineWrap {

    private LineWrap() {
    }

    /**
     * Each line of {@code text} broken at spaces so that no line is longer than {@code width} characters;
     * a word longer than that stays whole on a line of its own. Line breaks already in the text stay.
     */
    public static String of(String text, int width) {
        return text.lines().map(line -> line(line, width)).collect(Collectors.joining("\n"));
    }

    private static String line(String line, int width) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        int lineStart = 0;
        String[] words = line.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            boolean fits = out.length() - lineStart + 1 + words[i].length() <= width;
            if (i > 0 && !fits && out.length() > lineStart) {
                out.append('\n');
                lineStart = out.length();
            } else if (i > 0) {
                out.append(' ');
            }
            out.append(words[i]);
        }
        return out.toString();
    }
}
