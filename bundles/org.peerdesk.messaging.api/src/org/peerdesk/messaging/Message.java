package org.peerdesk.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * One message of a conversation. {@code clock} is the author's hybrid-logical-clock reading when
 * it was written (milliseconds since 1970 in the upper 48 bits, a counter in the lower 16); every member orders a conversation by (clock, author, id), so all see the same
 * order. Outgoing messages carry how far they got; incoming ones whether they were read here. {@code body} is the text
 * every member reads; {@code content}, a plugin's data beside it (see {@link MessageContent}); {@code revision}, whether
 * its author edited or deleted it since (a deleted message keeps its place, without text, files or data);
 * {@code replyTo}, the message it answers, for a reply; {@code reactions}, what members reacted to it with, each
 * reaction with who reacted so, in the order the reactions first came; {@code mentions}, the members its author
 * mentioned in its text with "@" (see {@link Mention}), as the author's node found them when it was sent; {@code forwarded},
 * for a message its author forwarded from another conversation, whose text it first was; {@code pinned}, for a message a
 * member pinned to the top of the conversation, who did and when.
 */
public record Message(String id, ConversationId conversation, Kind kind, PeerId author, long clock, String body,
        List<Attachment> attachments, boolean outgoing, Delivery delivery, boolean read, Optional<String> problem, Reach reach,
        Optional<MessageContent.Typed> content, Revision revision, Optional<Quote> replyTo, List<Reaction> reactions,
        List<PeerId> mentions, Optional<Forwarded> forwarded, Optional<Pin> pinned) {

    /**
     * Written text, or a note about the conversation itself: members added or removed, or a change to what its members
     * share, such as how long its messages last.
     */
    public enum Kind {
        TEXT, MEMBERS, SETTING;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What its author did to a message after sending it: nothing, changed its text, or deleted it for everyone. */
    public enum Revision {
        ORIGINAL, EDITED, DELETED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How far a message got: for one sent here, the least advanced of its recipients (a message is
     * {@code READ} once everyone read it); {@code RECEIVED} for messages from others. {@code AT_MAILBOX}: a
     * recipient's mailbox holds it; {@code PASSED_ON}: the group's creator took it, to hand to a member this
     * node cannot reach itself.
     */
    public enum Delivery {
        SENDING, AT_MAILBOX, PASSED_ON, DELIVERED, READ, FAILED, RECEIVED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * For a message sent here, how many recipients it has, how many of them have it (delivered, or read) and how many
     * read it; {@link #NONE} for others' messages. In a group, {@link Message#delivery} is the least advanced recipient's
     * state, and this says how far the others got.
     */
    public record Reach(int recipients, int delivered, int read) {

        public static final Reach NONE = new Reach(0, 0, 0);

        /** "delivered to 1 of 3" or "read by 2 of 3", where some recipients of a group got further than others. */
        public Optional<String> partly() {
            if (recipients < 2 || read == recipients) {
                return Optional.empty();
            }
            if (delivered == recipients) {
                return read == 0 ? Optional.empty() : Optional.of("read by " + read + " of " + recipients);
            }
            return delivered == 0 ? Optional.empty() : Optional.of("delivered to " + delivered + " of " + recipients);
        }
    }

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(body, "body");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(replyTo, "replyTo");
        reactions = List.copyOf(reactions);
        mentions = List.copyOf(mentions);
        Objects.requireNonNull(forwarded, "forwarded");
        Objects.requireNonNull(pinned, "pinned");
    }

    /** How many hex digits of its ID end a message's {@link #handle()}. */
    public static final int HANDLE_DIGITS = 8;

    /**
     * The last {@value #HANDLE_DIGITS} hex digits of its ID, random ones (an ID begins with the time it was made): what
     * {@code peerdesk messages} begins each message's line with, to name it by, as a short hash names a commit in git.
     */
    public String handle() {
        return id.substring(Math.max(0, id.length() - HANDLE_DIGITS));
    }

    /** When the author wrote it, to the millisecond (the physical part of {@link #clock}). */
    public Instant sent() {
        return Instant.ofEpochMilli(clock >>> 16);
    }
}
