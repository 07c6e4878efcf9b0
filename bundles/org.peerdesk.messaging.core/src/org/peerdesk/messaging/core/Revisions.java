package org.peerdesk.messaging.core;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * it is not stored again when it arrives once more), without text, files or a plugin's data. Every method runs in the
 * caller's transaction.
 */
final class Revisions {

    private Revisions() {
    }

    /** What a change is checked against: the stored message's author, kind, text and earlier changes. */
    record Target(long seq, ConversationId conversation, PeerId author, Message.Kind kind, String body, boolean withFiles,
            int contentBytes, long revisionClock, boolean deleted) {
    }

    static Optional<Target> target(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, conversation_id, author, kind, body, attachments, "
                + "content_data, revision_clock, deleted FROM messages WHERE id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String data = row.getString("content_data");
                return Optional.of(new Target(row.getLong("seq"), new ConversationId(row.getString("conversation_id")),
                        MessageRows.peer(row.getString("author")), Message.Kind.valueOf(row.getString("kind")), row.getString("body"),
                        !row.getString("attachments").isEmpty(), data == null ? 0 : data.getBytes(StandardCharsets.UTF_8).length,
                        row.getLong("revision_clock"), row.getBoolean("deleted")));
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
     * Gives the target its new text (empty: deletes it) as of {@code clock}, and its word index the words it now holds. A
     * deleted message no longer counts as unread.
     */
    static void apply(Connection connection, Target target, Optional<String> body, long clock) throws SQLException {
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
        }
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
                PreparedStatement count = connection.prepareStatement("UPDATE conversations SET unread = unread - 1 WHERE id = ?")) {
            delete.setLong(1, target.seq());
            if (delete.executeUpdate() > 0) {
                count.setString(1, target.conversation().value());
                count.executeUpdate();
            }
        }
    }
}
