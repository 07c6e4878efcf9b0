package org.peerdesk.messaging.ui;

import java.util.Optional;
import java.util.stream.Collectors;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.LineWrap;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Quote;

/** A message's text in the forms the views show it: on one line, as a tooltip, in a notice, as written. */
final class MessageTexts {

    /** The most of a message's text a notice shows. */
    private static final int NOTICE_CHARS = 120;
    /** The most of a message's text a tooltip shows. */
    private static final int TIP_CHARS = 2000;
    private static final int TIP_LINE = 100;

    private MessageTexts() {
    }

    /** What stands in a deleted message's place. */
    static final String DELETED = "(deleted this message)";

    /** The text on one line, and the files that came with it: for a table's cell. */
    static String oneLine(Message message) {
        return withFiles(message.body().replaceAll("\\s*\\n\\s*", " / "), "  ", message);
    }

    /** The start of the text, for a notice of the message. */
    static String forNotice(Message message) {
        String body = message.body();
        return body.length() > NOTICE_CHARS ? body.substring(0, NOTICE_CHARS - 1) + "…" : body;
    }

    /** The text with its lines (long ones wrapped), as far as a tooltip can show it, and the files that came with it. */
    static String tip(Message message) {
        String body = message.body();
        String shown = body.length() <= TIP_CHARS ? body : body.substring(0, TIP_CHARS) + "… (open the conversation for all of it)";
        return withFiles(LineWrap.of(shown, TIP_LINE), "\n", message);
    }

    /** The text as written, lines and all, and the names of its files: what copying a message copies. */
    static String asWritten(Message message) {
        return withFiles(message.body(), "\n", message);
    }

    /** The message a reply answers, as this node has it: "Ana: Lunch at noon?", "Ana's message, since deleted", or that it is not here. */
    static String quoted(Quote quote, Names names) {
        if (!quote.found()) {
            return "a message not on this computer";
        }
        String author = names.of(quote.author().get());
        return quote.deleted() ? author + "'s message, since deleted" : author + ": " + quote.excerpt();
    }

    /** The quote of a message shown here, as a reply to it will quote it. */
    static Quote quoteOf(Message message) {
        return new Quote(message.id(), Optional.of(message.author()), Quote.excerptOf(message.body(), message.attachments()), false);
    }

    /** The files that came with a message, with their sizes; empty when none did. */
    static String files(Message message) {
        return message.attachments().stream().map(file -> file.name() + " (" + ByteSizes.format(file.size()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String withFiles(String text, String between, Message message) {
        if (message.revision() == Message.Revision.DELETED) {
            return DELETED;
        }
        String files = files(message);
        return files.isEmpty() ? text : (text.isEmpty() ? "" : text + between) + "[file: " + files + "]";
    }
}
