package org.peerdesk.messaging.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Mention;
import org.peerdesk.messaging.Message;

/**
 * A conversation's messages as the chat shows them, as plain text and the spans to style: a line for each new
 * day, then a block per message (who wrote it, when, what became of it if it was sent from here; for a reply, the
 * message it answers; its text with its own line breaks; the files that came with it), a blank line between blocks,
 * and a line where the messages begin that were new when the conversation was opened. Knows which message lies at
 * each place of the text, so that a click or a menu can act on it.
 */
final class Transcript {

    /** The most of one message's text shown; "Copy message" copies all of it. */
    static final int SHOWN_CHARS = 4000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("EEEE, MMMM d");
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("MMMM d, yyyy");

    enum Style {
        /** A new day begins. */
        DAY,
        /** Who wrote it. */
        AUTHOR,
        /** When, and what became of it. */
        META,
        /** What became of it, when that was failure. */
        PROBLEM,
        /** A change to the group's members, not written by anyone. */
        NOTICE,
        /** What stands where the text of a message its author deleted was. */
        DELETED,
        /** The files a message from someone else brought: clicking fetches them, or opens them once they are here. */
        FILES,
        /** Where the messages begin that were new when the conversation was opened. */
        NEW,
        /** The bar before the message a reply answers. */
        QUOTE_BAR,
        /** The message a reply answers: clicking shows it, where it is in the chat. */
        QUOTE,
        /** What a plugin says of the data a message carries for it. */
        CONTENT,
        /** A member the message mentions with "@", and the note that it mentions the user. */
        MENTION,
        /** The user, where the message mentions them. */
        MENTION_OF_YOU
    }

    /** The line before the first message that was unread when the conversation was opened. */
    static final String NEW_MESSAGES = "New messages";
    /** What stands before the message a reply answers, on a line of its own above the reply's text. */
    static final String QUOTE_BAR = "\u258e ";

    record Span(int start, int length, Style style) {
    }

    /** A stretch of the text, from {@code start} to before {@code end}; empty where there is none. */
    record Range(int start, int end) {

        static final Range NONE = new Range(0, 0);

        boolean holds(int offset) {
            return offset >= start && offset < end;
        }

        boolean isEmpty() {
            return end <= start;
        }
    }

    /**
     * Where a message's block lies in the text, where the line of files that a click fetches or opens does (empty when
     * it offers none: its own files, files its author cannot be asked for, or no files), and, for a reply, the line
     * that quotes what it answers.
     */
    record Block(Message message, int start, int end, Range files, Range quote) {

        boolean holds(int offset) {
            return offset >= start && offset < end;
        }

        boolean filesAt(int offset) {
            return files.holds(offset);
        }

        boolean offersFiles() {
            return !files.isEmpty();
        }

        boolean quoteAt(int offset) {
            return quote.holds(offset);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Span> spans = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    /** Where the line that says new messages begin starts, if there is one. */
    private Optional<Integer> newMessages = Optional.empty();

    private Transcript() {
    }

    static Transcript empty() {
        return new Transcript();
    }

    /**
     * The transcript of {@code messages} (oldest first), naming peers by {@code names}, with days as seen in
     * {@code zone} on {@code today}; {@code earlier} says that older messages exist, which a first line tells;
     * {@code fetched} holds the IDs of the messages whose files were fetched here, {@code described} what plugins say of
     * the data messages carry for them, by the messages' IDs; a line before {@code newFrom} says that new messages begin
     * there. Files come from their message's author, so only those of authors known as peers are offered for fetching.
     */
    static Transcript of(List<Message> messages, boolean earlier, Names names, Set<String> fetched, Map<String, String> described,
            Optional<String> newFrom, ZoneId zone, LocalDate today) {
        Transcript transcript = new Transcript();
        if (earlier) {
            transcript.line("Scroll up for earlier messages", Style.NOTICE);
        }
        LocalDate day = null;
        for (Message message : messages) {
            LocalDate sent = message.sent().atZone(zone).toLocalDate();
            if (!sent.equals(day)) {
                transcript.line(dayName(sent, today), Style.DAY);
                day = sent;
            }
            if (newFrom.isPresent() && newFrom.get().equals(message.id())) {
                transcript.newMessages = Optional.of(transcript.text.length());
                transcript.line(NEW_MESSAGES, Style.NEW);
            }
            transcript.add(message, names, fetched.contains(message.id()), Optional.ofNullable(described.get(message.id())), zone);
        }
        transcript.endAtLastLine();
        return transcript;
    }

    String text() {
        return text.toString();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Where the line that says new messages begin starts, if it is shown. */
    Optional<Integer> newMessages() {
        return newMessages;
    }

    /** The first message from someone else not read yet, among {@code messages} (oldest first). */
    static Optional<String> firstUnread(List<Message> messages) {
        return messages.stream().filter(message -> !message.outgoing() && !message.read() && message.kind() == Message.Kind.TEXT)
                .map(Message::id).findFirst();
    }

    /** The messages shown, oldest first. */
    List<Message> messages() {
        return blocks.stream().map(Block::message).toList();
    }

    /** The block at {@code offset} of the text. */
    Optional<Block> at(int offset) {
        return blocks.stream().filter(block -> block.holds(offset)).findFirst();
    }

    /** The block at {@code offset}, or else the first after it (past a line that names a day, say). */
    Optional<Block> from(int offset) {
        return blocks.stream().filter(block -> block.end() > offset).findFirst();
    }

    /** The block of the message with that ID, if it is shown. */
    Optional<Block> block(String messageId) {
        return blocks.stream().filter(block -> block.message().id().equals(messageId)).findFirst();
    }

    /** "Today", "Yesterday", "Tuesday, December 1", or with the year when it is not this one. */
    static String dayName(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return (day.getYear() == today.getYear() ? THIS_YEAR : OTHER_YEAR).format(day);
    }

    private void add(Message message, Names names, boolean fetched, Optional<String> described, ZoneId zone) {
        int start = text.length();
        if (message.kind() != Message.Kind.TEXT) {
            line(message.body(), Style.NOTICE);
            blocks.add(new Block(message, start, text.length(), Range.NONE, Range.NONE));
            return;
        }
        append(names.of(message.author()), Style.AUTHOR);
        String state = message.revision() == Message.Revision.DELETED ? "" : ChatPart.state(message);
        append("  " + CLOCK.format(message.sent().atZone(zone)), Style.META);
        if (message.revision() == Message.Revision.EDITED) {
            append("  ·  edited", Style.META);
        }
        if (!state.isEmpty()) {
            append("  ·  " + state, message.delivery() == Message.Delivery.FAILED ? Style.PROBLEM : Style.META);
        }
        if (message.mentions().contains(names.self()) && message.revision() != Message.Revision.DELETED) {
            append("  ·  mentions you", Style.MENTION);
        }
        message.pinned().ifPresent(pin -> append("  ·  pinned by " + names.of(pin.by()), Style.META));
        text.append('\n');
        if (message.revision() == Message.Revision.DELETED) {
            append(MessageTexts.DELETED, Style.DELETED);
            text.append("\n\n");
            blocks.add(new Block(message, start, text.length(), Range.NONE, Range.NONE));
            return;
        }
        if (message.forwarded().isPresent()) {
            append("Forwarded from " + names.of(message.forwarded().get()), Style.META);
            text.append('\n');
        }
        Range quote = Range.NONE;
        if (message.replyTo().isPresent()) {
            append(QUOTE_BAR, Style.QUOTE_BAR);
            int quoteStart = text.length();
            append(MessageTexts.quoted(message.replyTo().get(), names), Style.QUOTE);
            quote = new Range(quoteStart, text.length());
            text.append('\n');
        }
        if (!message.body().isEmpty()) {
            appendWithMentions(shown(message.body()), message.mentions(), names);
            text.append('\n');
        }
        if (described.isPresent()) {
            append(described.get(), Style.CONTENT);
            text.append('\n');
        } else if (message.content().isPresent()) {
            String type = message.content().get().type();
            append("with data for the plugin " + type.substring(0, type.indexOf('/'))
                    + (names.knowsContent(type) ? "" : ", not installed here: the text is all there is to see"), Style.META);
            text.append('\n');
        }
        if (!message.reactions().isEmpty()) {
            append(message.reactions().stream().map(reaction -> reaction.reaction() + " "
                    + String.join(", ", reaction.by().stream().map(names::of).toList())).collect(java.util.stream.Collectors.joining("    ")),
                    Style.META);
            text.append('\n');
        }
        int filesStart = text.length();
        boolean offered = false;
        if (!message.attachments().isEmpty()) {
            if (message.outgoing()) {
                append("Sent " + MessageTexts.files(message), Style.META);
            } else if (fetched || names.isPeer(message.author())) {
                append((fetched ? "Open " : "Fetch ") + MessageTexts.files(message), Style.FILES);
                offered = true;
            } else {
                append(MessageTexts.files(message) + ", from " + names.of(message.author()) + ", who is not a peer of yours: files come from"
                        + " their sender, so add each other as peers (Peers, Invite someone..., or be introduced by a peer you both know)"
                        + " to fetch them", Style.META);
            }
            text.append('\n');
        }
        Range files = offered ? new Range(filesStart, text.length()) : Range.NONE;
        text.append('\n');
        blocks.add(new Block(message, start, text.length(), files, quote));
    }

    /** The text of a message, its mentions of members styled: the user's apart. */
    private void appendWithMentions(String body, List<PeerId> mentions, Names names) {
        int start = text.length();
        text.append(body);
        if (mentions.isEmpty()) {
            return;
        }
        Map<PeerId, String> mentioned = new HashMap<>();
        mentions.forEach(peer -> mentioned.put(peer, peer.equals(names.self()) ? names.selfName() : names.of(peer)));
        Map<Integer, Mention> byStart = new TreeMap<>();
        for (Mention mention : Mention.in(body, mentioned)) {
            byStart.merge(mention.start(), mention, (first, next) -> next.peer().equals(names.self()) ? next : first);
        }
        byStart.values().forEach(mention -> spans.add(new Span(start + mention.start(), mention.end() - mention.start(),
                mention.peer().equals(names.self()) ? Style.MENTION_OF_YOU : Style.MENTION)));
    }

    private static String shown(String body) {
        String trimmed = body.strip();
        if (trimmed.length() <= SHOWN_CHARS) {
            return trimmed;
        }
        return trimmed.substring(0, SHOWN_CHARS) + "… (" + (trimmed.length() - SHOWN_CHARS)
                + " more characters: \"Copy message\" copies all of it)";
    }

    /** Without the blank line after the last block, which would only leave an empty line under the newest message. */
    private void endAtLastLine() {
        while (!text.isEmpty() && text.charAt(text.length() - 1) == '\n') {
            text.setLength(text.length() - 1);
        }
    }

    private void line(String words, Style style) {
        append(words, style);
        text.append("\n\n");
    }

    private void append(String words, Style style) {
        spans.add(new Span(text.length(), words.length(), style));
        text.append(words);
    }
}
