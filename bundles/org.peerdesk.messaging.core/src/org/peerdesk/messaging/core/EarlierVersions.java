package org.peerdesk.messaging.core;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.Intervals;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.Quote;
import org.peerdesk.messaging.core.Envelope.Amend;
import org.peerdesk.messaging.core.Envelope.Disappear;
import org.peerdesk.messaging.core.Envelope.Payload;
import org.peerdesk.messaging.core.Envelope.Pin;
import org.peerdesk.messaging.core.Envelope.React;
import org.peerdesk.messaging.core.Envelope.Text;

/**
 * What this node sends a node of an earlier version instead of an envelope of its own that the other refused as a kind it
 * does not know: the same envelope in an older kind, one layer plainer per refusal, so that its user reads something rather
 * than nothing. A text loses its mentions, then what it answers (quoted in its text instead), then its plugin's data (its text
 * is what a plugin writes for readers without it); a forwarded text says whose it was in its text; an edit loses whom its
 * new text mentions; a reaction, a pin, an edit, a deletion and a setting of how long messages last become texts that say
 * what happened.
 * The envelope keeps its ID and clock: a text stays one message on every member's screen. Only this node's own envelopes
 * are made plainer (another author's signature would not cover the change), and only the refused kind's layer.
 */
final class EarlierVersions {

    /** The messages of this node, by ID, for the quotes of what a reply, reaction, pin or edit is about. */
    @FunctionalInterface
    interface Messages {
        Optional<Message> byId(String messageId) throws SQLException;
    }

    private EarlierVersions() {
    }

    /**
     * The content to sign and send instead of {@code signed}, this node's envelope that a peer refused for {@code refusal};
     * empty where the refusal is not about its kind, or there is no plainer form (taking back a reaction that node never
     * saw, or a kind older than these): it then failed for that peer, as before.
     */
    static Optional<byte[]> insteadOf(byte[] signed, byte[] authorKey, String refusal, Messages messages) throws SQLException {
        if (!Envelopes.refusedAsUnknownKind(signed, refusal)) {
            return Optional.empty();
        }
        Envelope envelope;
        try {
            envelope = Envelopes.open(signed);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        if (!envelope.author().equals(PeerId.ofPublicKey(authorKey))) {
            return Optional.empty();
        }
        Payload plainer = switch (envelope.payload()) {
            case Text text when text.forwarded().isPresent() ->
                new Text(fitted("Forwarded from " + text.forwarded().get().name() + ":\n", text.body()), text.attachments());
            case Text text when !text.mentions().isEmpty() ->
                new Text(text.body(), text.attachments(), text.content(), text.replyTo());
            case Text text when text.replyTo().isPresent() -> new Text(fitted(
                    excerpt(text.replyTo().get(), messages).map(quote -> "> " + quote + "\n").orElse(""), text.body()),
                    text.attachments(), text.content());
            case Text text when text.content().isPresent() -> new Text(text.body(), text.attachments());
            case React react when react.reaction().isEmpty() -> null;
            case React react -> plain("Reacted " + react.reaction() + " to "
                    + excerpt(react.messageId(), messages).map(quote -> "“" + quote + "”").orElse("a message"));
            case Pin pin -> plain((pin.pinned() ? "Pinned " : "Unpinned ")
                    + excerpt(pin.messageId(), messages).map(quote -> "“" + quote + "”").orElse("a message"));
            case Amend amend when amend.mentions().isPresent() -> new Amend(amend.messageId(), amend.body());
            case Amend amend when amend.deletes() ->
                plain("Deleted a message for everyone (a newer version of Peerdesk would take it away here).");
            case Amend amend -> plain(fitted("Edited a message to: ", amend.body().get()));
            case Disappear disappear -> plain(disappear.afterMillis() == 0 ? "Set messages to be kept (they no longer disappear)."
                    : "Set messages to disappear " + Intervals.span(Duration.ofMillis(disappear.afterMillis()))
                            + " after they are written (a newer version of Peerdesk would take them away here then).");
            default -> null;
        };
        return Optional.ofNullable(plainer).map(payload -> Envelopes.content(
                new Envelope(envelope.id(), envelope.conversation(), envelope.author(), envelope.clock(), payload), authorKey));
    }

    private static Text plain(String body) {
        return new Text(body, List.of());
    }

    /** The quote of a message of this node's that is not deleted. */
    private static Optional<String> excerpt(String messageId, Messages messages) throws SQLException {
        return messages.byId(messageId).filter(message -> message.revision() != Message.Revision.DELETED)
                .map(message -> Quote.excerptOf(message.body(), message.attachments()));
    }

    /** {@code lead} then {@code body}, the body's end cut where both would not fit in a message. */
    static String fitted(String lead, String body) {
        String whole = lead + body;
        if (whole.getBytes(StandardCharsets.UTF_8).length <= MessageService.MAX_BODY_BYTES) {
            return whole;
        }
        StringBuilder fitted = new StringBuilder();
        int bytes = "...".length();
        for (int i = 0; i < whole.length(); i = whole.offsetByCodePoints(i, 1)) {
            String next = new String(Character.toChars(whole.codePointAt(i)));
            bytes += next.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MessageService.MAX_BODY_BYTES) {
                break;
            }
            fitted.append(next);
        }
        return fitted.append("...").toString();
    }
}
