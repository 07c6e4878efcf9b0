package org.peerdesk.messaging.core;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/**
 * The types of message content that plugins here know, as their {@link MessageContent} services come and go: what this
 * node may send, and what it checks in peers' messages before storing them. Where two plugins know one type, the first
 * to come checks it.
 */
final class Contents {

    private final List<MessageContent> known = new CopyOnWriteArrayList<>();

    void add(MessageContent content) {
        known.add(content);
    }

    void remove(MessageContent content) {
        known.remove(content);
    }

    SortedSet<String> types() {
        SortedSet<String> types = new TreeSet<>();
        known.forEach(content -> typeOf(content).ifPresent(types::add));
        return types;
    }

    /** The type a plugin's service names; empty where asking it fails, so that one broken plugin costs only its own type. */
    private static Optional<String> typeOf(MessageContent content) {
        try {
            return Optional.ofNullable(content.type());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Checks content this node is about to send: its type must be one a plugin here knows, and that plugin must take it. */
    void checkOutgoing(MessageContent.Typed content) throws MessagingException {
        MessageContent knower = knowerOf(content.type()).orElseThrow(() -> new MessagingException(
                "No plugin on this node sends messages of the type " + content.type() + "."));
        checkWith(knower, content);
    }

    /**
     * Why a peer's content is refused here: the plugin that knows its type does not take it. Content of a type no plugin
     * here knows is taken unchecked; its text is what the user reads.
     */
    Optional<String> refusalOfIncoming(MessageContent.Typed content) {
        Optional<MessageContent> knower = knowerOf(content.type());
        if (knower.isEmpty()) {
            return Optional.empty();
        }
        try {
            checkWith(knower.get(), content);
            return Optional.empty();
        } catch (MessagingException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** What the plugin that knows the message's content says of it, cut to its length; its failure, said, in its place. */
    Optional<String> describe(Message message) {
        Optional<MessageContent> knower = message.content().flatMap(content -> knowerOf(content.type()));
        if (knower.isEmpty()) {
            return Optional.empty();
        }
        try {
            return knower.get().describe(message).map(String::strip).filter(text -> !text.isEmpty()).map(Contents::cut);
        } catch (RuntimeException e) {
            return Optional.of("The plugin that knows " + message.content().get().type() + " could not show it: " + e);
        }
    }

    private static String cut(String description) {
        return description.length() <= MessageService.MAX_DESCRIPTION_CHARS ? description
                : description.substring(0, MessageService.MAX_DESCRIPTION_CHARS - 1) + "…";
    }

    private Optional<MessageContent> knowerOf(String type) {
        return known.stream().filter(content -> typeOf(content).filter(type::equals).isPresent()).findFirst();
    }

    /** A plugin's check, its failures (an exception it did not mean to throw, too) said as the refusal of the content. */
    private static void checkWith(MessageContent knower, MessageContent.Typed content) throws MessagingException {
        try {
            knower.check(content.data());
        } catch (MessagingException e) {
            throw new MessagingException("The " + content.type() + " content is refused: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MessagingException("The plugin that knows " + content.type() + " failed to check it: " + e, e);
        }
    }
}
