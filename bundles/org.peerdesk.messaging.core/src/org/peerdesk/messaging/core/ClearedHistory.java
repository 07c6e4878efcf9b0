package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;

/**
 * Deleting this node's copy of messages: a conversation's whole history, or those past their time (see
 * {@link Disappearing}). Each deleted message's ID is kept, so that
 * one arriving again (a retry whose acknowledgement was lost, a mailbox that replays) is taken as
 * already stored rather than shown again. Every method runs in the caller's transaction.
 */
final class ClearedHistory {

    private ClearedHistory() {
    }

    /**
     * Deletes the conversation's messages but those this node sent that still wait in the outbox for
     * a recipient; returns how many went.
     */
    static int clear(Connection connection, ConversationId conversation) throws SQLException {
        return delete(connection, "m.conversation_id = ?", conversation.value()).size();
    }

    /** A message deleted: its ID, and whether this node sent it with files (offered, to be withdrawn). */
    record Deleted(String id, boolean ownWithFiles) {
    }

    /**
     * Deletes the messages that {@code where}, a condition on the messages {@code m} with {@code values} for its
     * parameters, picks, but those that still wait in the outbox for a recipient, and keeps their IDs; the unread counts of
     * their conversations follow.
     */
    static List<Deleted> delete(Connection connection, String where, Object... values) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        List<Deleted> deleted = new ArrayList<>();
        Map<Long, String> texts = new LinkedHashMap<>();
        Set<String> conversations = new LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT m.seq, m.id, m.kind, m.body, m.conversation_id, "
                + "m.outgoing AND m.attachments <> '' FROM messages m WHERE " + where
                + " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_seq = m.seq)")) {
            for (int i = 0; i < values.length; i++) {
                select.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                    deleted.add(new Deleted(rows.getString(2), rows.getBoolean(6)));
                    if (Message.Kind.valueOf(rows.getString(3)) == Message.Kind.TEXT) {
                        texts.put(rows.getLong(1), rows.getString(4));
                    }
                    conversations.add(rows.getString(5));
                }
            }
        }
        // Its queue rows for the word index first: a batch indexing them now has them (and this waits for it to
        // end, then finds them in the postings), or this has them and the batch leaves them out.
        delete(connection, "unindexed WHERE seq", seqs);
        WordIndex.forget(connection, texts);
        // the other rows that refer to a message, then the message
        for (String rowsOf : List.of("unread WHERE seq", "unread_mentions WHERE seq", "deliveries WHERE message_seq", "messages WHERE seq")) {
            delete(connection, rowsOf, seqs);
        }
        List<String> ids = deleted.stream().map(Deleted::id).toList();
        for (String rowsOf : List.of("message_reactions", "message_pins")) {
            deleteOfMessages(connection, rowsOf, ids);
        }
        try (PreparedStatement remember = connection.prepareStatement("MERGE INTO cleared_messages (id) KEY (id) VALUES (?)");
                PreparedStatement unread = connection.prepareStatement(
                        "UPDATE conversations SET unread = (SELECT COUNT(*) FROM unread WHERE conversation_id = ?) WHERE id = ?")) {
            for (String id : ids) {
                remember.setString(1, id);
                remember.addBatch();
            }
            remember.executeBatch();
            for (String conversation : conversations) {
                unread.setString(1, conversation);
                unread.setString(2, conversation);
                unread.executeUpdate();
            }
        }
        return deleted;
    }

    /** Deletes the rows of {@code table} (reactions, pins) that are about one of the messages {@code ids}. */
    private static void deleteOfMessages(Connection connection, String table, List<String> ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE message_id = ?")) {
            for (String id : ids) {
                delete.setString(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** Deletes the rows of {@code tableWhereColumn} ("unread WHERE seq") whose column holds one of {@code seqs}. */
    private static void delete(Connection connection, String tableWhereColumn, List<Long> seqs) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + tableWhereColumn + " = ?")) {
            for (long seq : seqs) {
                delete.setLong(1, seq);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** Whether a message of this ID was stored here once and its history cleared since. */
    static boolean wasCleared(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM cleared_messages WHERE id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
