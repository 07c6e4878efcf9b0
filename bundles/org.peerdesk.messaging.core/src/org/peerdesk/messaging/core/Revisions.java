package org.peerdesk.messaging.core;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;

/**
 * Edits and deletions of stored messages, the same on the author's node and on each recipient's: which messages may
 * change, and the change itself. A deleted message keeps its row (its place in the conversation, and its ID, so that
 * it is not stored again when it arrives once more), without text, files or a plugin's data. A change can come before
 * its message, which took another way (through a mailbox, or a group's creator, while the change came directly): it is
 * kept, the newest per message, and made when the message comes (within 30 days). Every method runs in the caller's
 * transaction.
 */
final class Revisions {

    /** The most changes kept for messages that have not come, per author: a peer cannot fill the database with them. */
    static final int MAX_EARLY_PER_AUTHOR = 100;
    /** How long a change waits for its message (one deleted before it left never comes). */
    static final long EARLY_KEPT_MILLIS = Duration.ofDays(30).toMillis();

    private Revisions() {
    }

    /** What a change is checked against: the stored message's author, kind, text, whom it mentions and earlier changes. */
    record Target(long seq, ConversationId conversation, PeerId author, Message.Kind kind, String body, boolean withFiles,
            int contentBytes, long revisionClock, boolean deleted, List<PeerId> mentions) {
    }

    /** A change: the new text (empty: a deletion) and, where it says so, whom the new text mentions. */
    record Change(Optional<String> body, Optional<List<PeerId>> mentions) {

        static Change of(Envelope.Amend amend) {
            return new Change(amend.body(), amend.mentions());
        }

        boolean deletes() {
            return body.isEmpty();
        }
    }

    static Optional<Target> target(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, conversation_id, author, kind, body, attachments, "
                + "content_data, revision_clock, deleted, mentions FROM messages WHERE id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String data = row.getString("content_data");
                return Optional.of(new Target(row.getLong("seq"), new ConversationId(row.getString("conversation_id")),
                        MessageRows.peer(row.getString("author")), Message.Kind.valueOf(row.getString("kind")), row.getString("body"),
                        !row.getString("attachments").isEmpty(), data == null ? 0 : data.getBytes(StandardCharsets.UTF_8).length,
                        row.getLong("revision_clock"), row.getBoolean("deleted"), MessageRows.mentions(row.getString("mentions"))));
            }
        }
    }

    /** Why {@code body} (empty: a deletion) cannot replace the target's text, if it cannot. */
    static Optional<String> problem(Target target, Optional<String> body) {
        if (target.kind() != Message.Kind.TEXT) {
            return Optional.of("a note about the conversation is no one's to edit or delete");
        }
        if (target.deleted()) {
            return Optional.of("the message was deleted");
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        if (body.get().isBlank() && !target.withFiles()) {
            return Optional.of("the new text is empty (to take the message back, delete it)");
        }
        int bytes = body.get().getBytes(StandardCharsets.UTF_8).length + target.contentBytes();
        if (bytes > MessageService.MAX_BODY_BYTES) {
            return Optional.of("the new text is " + bytes + " bytes long" + (target.contentBytes() > 0 ? " with the message's data" : "")
                    + "; at most " + MessageService.MAX_BODY_BYTES + " fit");
        }
        return Optional.empty();
    }

    /**
     * Makes the change to the target as of {@code clock}: its new text (or its deletion), the words its word index holds,
     * and whom it mentions, where the change says; an unread message that now mentions {@code self}, this node's user,
     * counts as one, and one that no longer does, or was deleted, no longer counts.
     */
    static void apply(Connection connection, Target target, Change change, long clock, PeerId self) throws SQLException {
        Optional<String> body = change.body();
        boolean deletes = body.isEmpty();
        try (PreparedStatement update = connection.prepareStatement(deletes
                ? "UPDATE messages SET body = '', attachments = '', content_type = NULL, content_data = NULL, revision_clock = ?, deleted = TRUE "
                        + "WHERE seq = ?"
                : "UPDATE messages SET body = ?, revision_clock = ? WHERE seq = ?")) {
            int at = 1;
            if (!deletes) {
                update.setString(at++, body.get());
            }
            update.setLong(at++, clock);
            update.setLong(at, target.seq());
            update.executeUpdate();
        }
        WordIndex.replace(connection, target.seq(), target.body(), !deletes);
        if (deletes) {
            noLongerUnread(connection, target);
        } else if (change.mentions().isPresent()) {
            mention(connection, target, change.mentions().get(), self);
        }
    }

    private static void mention(Connection connection, Target target, List<PeerId> mentions, PeerId self) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE messages SET mentions = ? WHERE seq = ?");
                PreparedStatement forget = connection.prepareStatement("DELETE FROM unread_mentions WHERE seq = ?")) {
            update.setString(1, MessageRows.mentionsColumn(mentions));
            update.setLong(2, target.seq());
            update.executeUpdate();
            forget.setLong(1, target.seq());
            forget.executeUpdate();
        }
        if (mentions.contains(self) && MessageRows.unread(connection, target.seq())) {
            MessageRows.countMention(connection, target.seq(), target.conversation());
        }
    }

    /**
     * Keeps the change that {@code author} made as of {@code clock} to a message of {@code conversation} that is not here
     * yet, unless a newer change to it is kept already or the author has {@value #MAX_EARLY_PER_AUTHOR} kept.
     */
    static void keepEarly(Connection connection, String messageId, PeerId author, ConversationId conversation, Change change,
            long clock) throws SQLException {
        try (PreparedStatement expired = connection.prepareStatement("DELETE FROM early_changes WHERE clock < ?")) {
            expired.setLong(1, clock - (EARLY_KEPT_MILLIS << HybridClock.COUNTER_BITS));
            expired.executeUpdate();
        }
        try (PreparedStatement newer = connection.prepareStatement(
                "SELECT 1 FROM early_changes WHERE message_id = ? AND author = ? AND clock >= ?");
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM early_changes WHERE author = ?")) {
            newer.setString(1, messageId);
            newer.setString(2, author.toHex());
            newer.setLong(3, clock);
            count.setString(1, author.toHex());
            try (ResultSet kept = newer.executeQuery(); ResultSet counted = count.executeQuery()) {
                counted.next();
                if (kept.next() || counted.getInt(1) >= MAX_EARLY_PER_AUTHOR) {
                    return;
                }
            }
        }
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO early_changes (message_id, author, conversation_id, clock, body, mentions) KEY (message_id, author) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            merge.setString(1, messageId);
            merge.setString(2, author.toHex());
            merge.setString(3, conversation.value());
            merge.setLong(4, clock);
            merge.setString(5, change.body().orElse(null));
            // "" for none: null says the change leaves the mentions as they were
            merge.setString(6, change.mentions().map(mentions -> String.join(",", mentions.stream().map(PeerId::toHex).toList())).orElse(null));
            merge.executeUpdate();
        }
    }

    /**
     * Makes the change its author made to a message that just came, if one was kept for it (in that conversation) and the
     * message may take it; changes that others claimed for it go then too (alone, they wait out their 30 days: looking
     * for them would cost every message taken in a write). Returns whether the message changed.
     */
    static boolean applyEarly(Connection connection, String messageId, PeerId author, ConversationId conversation, PeerId self)
            throws SQLException {
        long clock;
        Change change;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT clock, body, mentions FROM early_changes WHERE message_id = ? AND author = ? AND conversation_id = ?")) {
            select.setString(1, messageId);
            select.setString(2, author.toHex());
            select.setString(3, conversation.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                clock = row.getLong(1);
                Optional<String> body = Optional.ofNullable(row.getString(2));
                change = new Change(body, body.isEmpty() || row.getString(3) == null ? Optional.empty()
                        : Optional.of(MessageRows.mentions(row.getString(3))));
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM early_changes WHERE message_id = ?")) {
            delete.setString(1, messageId);
            delete.executeUpdate();
        }
        Optional<Target> target = target(connection, messageId);
        if (target.isEmpty() || problem(target.get(), change.body()).isPresent()) {
            return false;
        }
        apply(connection, target.get(), change, clock, self);
        return true;
    }

    /** The peers a message this node sent went to: those that hear of its changes. */
    static List<PeerId> recipients(Connection connection, long seq) throws SQLException {
        List<PeerId> recipients = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT peer_id FROM deliveries WHERE message_seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    recipients.add(MessageRows.peer(rows.getString(1)));
                }
            }
        }
        return recipients;
    }

    private static void noLongerUnread(Connection connection, Target target) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM unread WHERE seq = ?");
                PreparedStatement mention = connection.prepareStatement("DELETE FROM unread_mentions WHERE seq = ?");
                PreparedStatement count = connection.prepareStatement("UPDATE conversations SET unread = unread - 1 WHERE id = ?")) {
            mention.setLong(1, target.seq());
            mention.executeUpdate();
            delete.setLong(1, target.seq());
            if (delete.executeUpdate() > 0) {
                count.setString(1, target.conversation().value());
                count.executeUpdate();
            }
        }
    }
}
