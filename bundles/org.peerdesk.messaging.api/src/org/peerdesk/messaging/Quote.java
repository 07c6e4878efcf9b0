package org.peerdesk.messaging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * The message a reply answers, as this node has it now: its author and the start of its text (or the names of its files,
 * for a message of files alone). {@code author} is empty where this node does not have that message in the reply's
 * conversation (it came before this node joined, or its history was cleared here); {@code deleted}, where its author
 * deleted it for everyone since, and then there is no excerpt. An edit of the answered message shows in its quote.
 */
public record Quote(String messageId, Optional<PeerId> author, String excerpt, boolean deleted) {

    /** The most characters of the answered message a quote holds. */
    public static final int EXCERPT_CHARS = 200;

    public Quote {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(excerpt, "excerpt");
    }

    /** Whether this node has the answered message. */
    public boolean found() {
        return author.isPresent();
    }

    /**
     * The quote of a message's text: its first {@value #EXCERPT_CHARS} characters on one line (line breaks and runs of
     * space as one space, "..." where it goes on), or the names of its files where its text is empty.
     */
    public static String excerptOf(String body, List<Attachment> attachments) {
        String line = body.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return String.join(", ", attachments.stream().map(Attachment::name).toList());
        }
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS - 3).stripTrailing() + "...";
    }
}
