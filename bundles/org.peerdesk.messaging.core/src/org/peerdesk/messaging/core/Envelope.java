package org.peerdesk.messaging.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;

/**
 * What one peer says to another in the messaging protocol, as its author signed it: a text, a group's
 * member list or its members' names, a member's wish to leave a group, receipts for messages, a change to a message the author
 * sent, a reaction to a message or its pin, how long the conversation's messages last, or the author's hello (its key for
 * sealed mail and its mailbox). Everything a receiver acts on is inside the signature.
 */
record Envelope(String id, ConversationId conversation, PeerId author, long clock, Payload payload) {

    /** The conversation named by envelopes that belong to none (hellos). */
    static final ConversationId NO_CONVERSATION = ConversationId.of(new byte[ConversationId.BYTES]);

    Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(payload, "payload");
    }

    sealed interface Payload permits Text, Members, Leave, Receipt, Hello, Names, Amend, React, Pin, Disappear {
    }

    /**
     * A message: the text members read, files attached, a plugin's data beside the text (see {@link MessageContent}),
     * for a reply, the ID of the message it answers, the members its text mentions, and for a forwarded text, whose it
     * first was (a forwarded text is plain: no data, no reply, no mentions).
     */
    record Text(String body, List<Attachment> attachments, Optional<MessageContent.Typed> content, Optional<String> replyTo,
            List<PeerId> mentions, Optional<Forwarded> forwarded) implements Payload {
        Text {
            attachments = List.copyOf(attachments);
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(replyTo, "replyTo");
            mentions = List.copyOf(mentions);
            Objects.requireNonNull(forwarded, "forwarded");
            if (forwarded.isPresent() && (content.isPresent() || replyTo.isPresent() || !mentions.isEmpty())) {
                throw new IllegalArgumentException("a forwarded text is plain");
            }
        }

        Text(String body, List<Attachment> attachments, Optional<MessageContent.Typed> content, Optional<String> replyTo,
                List<PeerId> mentions) {
            this(body, attachments, content, replyTo, mentions, Optional.empty());
        }

        /** A forwarded text. */
        Text(String body, List<Attachment> attachments, Forwarded forwarded) {
            this(body, attachments, Optional.empty(), Optional.empty(), List.of(), Optional.of(forwarded));
        }

        Text(String body, List<Attachment> attachments, Optional<MessageContent.Typed> content, Optional<String> replyTo) {
            this(body, attachments, content, replyTo, List.of());
        }

        Text(String body, List<Attachment> attachments, Optional<MessageContent.Typed> content) {
            this(body, attachments, content, Optional.empty());
        }

        Text(String body, List<Attachment> attachments) {
            this(body, attachments, Optional.empty());
        }
    }

    /**
     * A group's title and whole member list, from its creator; the newest (by clock) wins. {@code leaver}: the
     * member this list takes out because it asked to leave, so that everyone reads that it left.
     */
    record Members(String title, List<PeerId> members, Optional<PeerId> leaver) implements Payload {
        Members {
            members = List.copyOf(members);
            Objects.requireNonNull(leaver, "leaver");
        }

        Members(String title, List<PeerId> members) {
            this(title, members, Optional.empty());
        }
    }

    /**
     * The author, a member, asks the group's creator to take it out: the creator's node does so at once,
     * and every member learns the new list from it, as after any change.
     */
    record Leave() implements Payload {
    }

    /** The author received ({@code read == false}) or read these messages. */
    record Receipt(boolean read, List<String> messageIds) implements Payload {
        Receipt {
            messageIds = List.copyOf(messageIds);
        }
    }

    /**
     * What a group's creator calls its members: the names it knows them by, so that members who do not
     * know each other as peers read names rather than IDs.
     */
    record Names(Map<PeerId, String> names) implements Payload {
        Names {
            names = Map.copyOf(names);
        }
    }

    /**
     * The author's new text for a message it sent ({@code messageId}), or, with none, its deletion for everyone; with
     * {@code mentions}, the members the new text mentions (none present: the message mentions whom it did).
     */
    record Amend(String messageId, Optional<String> body, Optional<List<PeerId>> mentions) implements Payload {
        Amend {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(body, "body");
            mentions = mentions.map(List::copyOf);
            if (mentions.isPresent() && body.isEmpty()) {
                throw new IllegalArgumentException("a deletion mentions no one");
            }
        }

        Amend(String messageId, Optional<String> body) {
            this(messageId, body, Optional.empty());
        }

        boolean deletes() {
            return body.isEmpty();
        }
    }

    /** The author's reaction to a message of the conversation ({@code messageId}); an empty one takes it back. */
    record React(String messageId, String reaction) implements Payload {
        React {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(reaction, "reaction");
        }
    }

    /** The author, a member, pins a message of the conversation ({@code messageId}) to its top, or unpins it. */
    record Pin(String messageId, boolean pinned) implements Payload {
        Pin {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /**
     * The author, a member, sets how long after they are written the conversation's messages from its clock on last:
     * {@code afterMillis}, or 0 to keep them.
     */
    record Disappear(long afterMillis) implements Payload {
        Disappear {
            if (afterMillis < 0 || afterMillis > MessageService.MAX_DISAPPEAR_AFTER.toMillis()) {
                throw new IllegalArgumentException("messages cannot be set to disappear after " + afterMillis + " ms");
            }
        }
    }

    /** The author's X25519 key (X.509 encoding) for mail sealed to it, and the mailbox peer holding its mail. */
    record Hello(byte[] agreementKey, Optional<PeerId> mailbox) implements Payload {
    }
}
