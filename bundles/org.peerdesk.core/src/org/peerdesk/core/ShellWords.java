package org.peerdesk.core;

/**
 * Words of the command lines Peerdesk tells its user to run ({@code peerdesk messages "Release team"}): a name with a
 * space or a character a shell reads in it is quoted, so that the line can be copied as it is.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** {@code word} as one word of a shell's command line: as it is, or in double quotes with {@code " $ ` \} escaped. */
    public static String quoted(String word) {
        return !word.isEmpty() && word.matches("[^\\s\"'$`\\\\;&|<>()*?#~!{}\\[\\]]+") ? word
                : "\"" + word.replaceAll("([\"$`\\\\])", "\\\\$1") + "\"";
    }
}
