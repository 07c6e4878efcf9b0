package org.peerdesk.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command that a plugin adds to the node: registered as an OSGi service, it runs as
 * {@code ./peerdesk WORD ARGUMENT...} on the node of a data directory, and as
 * {@code POST /api/v1/commands/run} of the admin API for scripts. The node runs it on a thread of its
 * admin API, so it may block (on the network, the disk) for up to a minute.
 */
public interface NodeCommand {

    /** What a command's word may be: lower-case letters, digits and dashes, starting with a letter. */
    Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** The word that names it, matching {@link #WORD} and not a built-in command's: "greet". */
    String word();

    /** What follows the word, as its usage shows it: "PEER [TEXT]"; "" when nothing does. */
    String arguments();

    /** What it does, in one sentence without its full stop, as {@code ./peerdesk plugins} lists it. */
    String summary();

    /**
     * Runs the command with the words given after its own.
     *
     * @throws InvalidInputException when they are not what it takes; the message says what it takes,
     *                               and the CLI prints it as a usage error
     * @throws PeerdeskException     when it cannot do what was asked; the message says why
     */
    Answer run(List<String> arguments) throws PeerdeskException;

    /**
     * What a run says: {@code text} to the person at the terminal (printed as it is, several lines if need be),
     * {@code data} to scripts ({@code --json}): texts, numbers, booleans, and lists and maps (with text keys) of them,
     * no nulls.
     *
     * @throws IllegalArgumentException when {@code data} holds anything else, saying where
     */
    record Answer(String text, Map<String, Object> data) {

        public Answer {
            Objects.requireNonNull(text, "text");
            checkJson(data, "data");
            data = Map.copyOf(data);
        }

        public static Answer of(String text) {
            return new Answer(text, Map.of());
        }

        private static void checkJson(Object value, String where) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, inner) -> {
                    if (!(key instanceof String)) {
                        throw new IllegalArgumentException(where + " has a key that is not a text: " + key);
                    }
                    checkJson(inner, where + "." + key);
                });
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    checkJson(list.get(i), where + "[" + i + "]");
                }
            } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException(where + " is " + (value == null ? "null" : "a " + value.getClass().getName())
                        + "; an answer's data holds texts, numbers, booleans, lists and maps");
            }
        }
    }
}
