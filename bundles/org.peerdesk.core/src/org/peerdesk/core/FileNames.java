package org.peerdesk.core;

/** Names made fit to be file names, from text people chose for something else: a conversation's, a note's title. */
public final class FileNames {

    /** The longest name {@link #of} makes, before what the caller adds to it (an ID, ".txt"). */
    public static final int MOST_CHARS = 60;

    private FileNames() {
    }

    /**
     * {@code text} as a file name that every common file system takes: control characters and {@code / \ : * ? " < > |}
     * become {@code _}, it is cut to {@value #MOST_CHARS} characters, and never begins with a dot or is empty.
     */
    public static String of(String text) {
        String name = text.replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]", "_").strip();
        if (name.length() > MOST_CHARS) {
            int end = Character.isHighSurrogate(name.charAt(MOST_CHARS - 1)) ? MOST_CHARS - 1 : MOST_CHARS;
            name = name.substring(0, end).strip();
        }
        return name.isEmpty() || name.startsWith(".") ? "_" + name : name;
    }
}
