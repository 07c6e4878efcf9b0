package org.peerdesk.messaging;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a plugin adds to messages: data of its own type (a poll, a shared note, a place on a map) that travels with a
 * message's text, signed by its author and delivered as every message is (stored first, retried until acknowledged,
 * through a mailbox while the recipient is offline). The text is what everyone reads, also where the plugin is not
 * installed; the data is for the plugin, which finds it on each {@link Message} (and in
 * {@link org.peerdesk.messaging.event.MessageAdded} as messages arrive) and sends it with
 * {@link MessageService#send(ConversationId, String, MessageContent.Typed)}.
 * <p>
 * A plugin that knows a type registers an implementation as an OSGi service: this node then sends data of that type,
 * and checks every such data before it stores a peer's message (one that fails its check is refused, and its author
 * told why). Data of a type no plugin here knows is stored unchecked, with its text.
 */
@ConsumerType
public interface MessageContent {

    /** The longest type name. */
    int MAX_TYPE_CHARS = 100;

    /**
     * The type it knows: the plugin's bundle name, then a slash and a word for the kind of data, such as
     * {@code org.example.polls/poll} (see {@link Typed#validType}).
     */
    String type();

    /**
     * Checks data of its type before this node sends it, or stores a peer's message holding it.
     *
     * @throws MessagingException saying what is wrong with it
     */
    void check(String data) throws MessagingException;

    /**
     * What the user is to see of a message's data of its type, beside its text: a line or a few, such as a poll's question
     * with the votes so far (the plugin may read other messages to count them). The chat shows it under the message's text,
     * and `peerdesk messages` and the admin API beside it; empty (the default) shows the text alone. Asked off the
     * desktop's UI thread, for each message shown each time its conversation is read again (a message arriving, say): keep
     * it quick. What it throws is shown in its place, naming the plugin.
     */
    default Optional<String> describe(Message message) {
        return Optional.empty();
    }

    /** Data of a type, as a message carries it beside its text. */
    record Typed(String type, String data) {

        private static final String WORD = "[a-z0-9]+(?:-[a-z0-9]+)*";
        private static final Pattern TYPE = Pattern.compile(WORD + "(?:\\." + WORD + ")+/" + WORD);

        /** @throws IllegalArgumentException for a type that is not a type's name (see {@link #validType}) */
        public Typed {
            Objects.requireNonNull(data, "data");
            if (!validType(type)) {
                throw new IllegalArgumentException("\"" + type + "\" is not a type of message content: give the plugin's name, a"
                        + " slash and a word, in lower-case letters, digits, dots and dashes (such as org.example.polls/poll)");
            }
        }

        /**
         * Whether {@code type} names a type: a name with at least one dot (a plugin's bundle name), a slash, and a word
         * for the kind of data, in lower-case letters, digits, dots and dashes, at most {@value MessageContent#MAX_TYPE_CHARS} long.
         */
        public static boolean validType(String type) {
            return type != null && type.length() <= MAX_TYPE_CHARS && TYPE.matcher(type).matches();
        }
    }
}
