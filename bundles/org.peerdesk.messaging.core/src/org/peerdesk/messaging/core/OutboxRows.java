package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * Envelopes waiting for a recipient's acknowledgement, in the order they were written: their content,
 * signed as they are sent (rows from before batch signatures hold whole envelopes). A row
 * leaves only when the recipient stored it (or refused it for good); a row held by the recipient's
 * mailbox, or passed on by a group's creator, stays, marked, until the recipient itself confirms.
 */
final class OutboxRows {

    /**
     * One envelope for one recipient; {@code messageSeq} links it to the stored message it carries, if any;
     * {@code signed}: the envelope is whole, signed by its author, rather than content this node signs as it sends.
     */
    record Item(long seq, PeerId recipient, Optional<Long> messageSeq, byte[] envelope, boolean signed) {

        Item withEnvelope(byte[] whole) {
            return new Item(seq, recipient, messageSeq, whole, true);
        }
    }

    private OutboxRows() {
    }

    /** Content of this node's for {@code recipient}, signed as it is sent (or, from before batch signatures, an envelope signed alone). */
    static void insert(Connection connection, PeerId recipient, Optional<Long> messageSeq, byte[] content) throws SQLException {
        insert(connection, recipient, messageSeq, content, false);
    }

    /** Puts content of this node's, to sign as it is sent, in the place of what the item {@code seq} held. */
    static void replace(Connection connection, long seq, byte[] content) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE outbox SET envelope = ?, signed = FALSE WHERE seq = ?")) {
            update.setBytes(1, content);
            update.setLong(2, seq);
            update.executeUpdate();
        }
    }

    /** Another author's signed envelope, passed on as it came. */
    static void insertSigned(Connection connection, PeerId recipient, byte[] envelope) throws SQLException {
        insert(connection, recipient, Optional.empty(), envelope, true);
    }

    private static void insert(Connection connection, PeerId recipient, Optional<Long> messageSeq, byte[] envelope, boolean signed)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (recipient, message_seq, envelope, deposited, signed) VALUES (?, ?, ?, FALSE, ?)")) {
            insert.setString(1, recipient.toHex());
            if (messageSeq.isPresent()) {
                insert.setLong(2, messageSeq.get());
            } else {
                insert.setNull(2, Types.BIGINT);
            }
            insert.setBytes(3, envelope);
            insert.setBoolean(4, signed);
            insert.executeUpdate();
        }
    }

    /**
     * The recipients that refused this node's messages stream when last asked (they have not given it
     * the right to message them), with how many messages wait for each.
     */
    static Map<PeerId, Integer> waitingForTheRight(Connection connection) throws SQLException {
        return countByRecipient(connection, "SELECT o.recipient, COUNT(*) FROM outbox o "
                + "JOIN peer_links l ON l.peer_id = o.recipient WHERE NOT l.accepts_us AND o.message_seq IS NOT NULL "
                + "GROUP BY o.recipient ORDER BY o.recipient");
    }

    /** The recipients of messages this node sent that still wait for them, in no one's hands yet, with how many wait for each. */
    static Map<PeerId, Integer> waiting(Connection connection) throws SQLException {
        return countByRecipient(connection, "SELECT recipient, COUNT(*) FROM outbox WHERE message_seq IS NOT NULL "
                + "AND NOT deposited GROUP BY recipient ORDER BY recipient");
    }

    /** How many envelopes wait for {@code recipient}. */
    static int count(Connection connection, PeerId recipient) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM outbox WHERE recipient = ?")) {
            select.setString(1, recipient.toHex());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Map<PeerId, Integer> countByRecipient(Connection connection, String query) throws SQLException {
        Map<PeerId, Integer> waiting = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(query); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                waiting.put(MessageRows.peer(rows.getString(1)), rows.getInt(2));
            }
        }
        return waiting;
    }

    /** The recipient's envelopes after {@code afterSeq}, oldest first; with {@code undepositedOnly}, those no mailbox holds. */
    static List<Item> pending(Connection connection, PeerId recipient, long afterSeq, boolean undepositedOnly, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, message_seq, envelope, signed FROM outbox "
                + "WHERE recipient = ? AND seq > ?" + (undepositedOnly ? " AND NOT deposited" : "") + " ORDER BY seq LIMIT ?")) {
            select.setString(1, recipient.toHex());
            select.setLong(2, afterSeq);
            select.setInt(3, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long messageSeq = rows.getLong(2);
                    Optional<Long> message = rows.wasNull() ? Optional.empty() : Optional.of(messageSeq);
                    items.add(new Item(rows.getLong(1), recipient, message, rows.getBytes(3), rows.getBoolean(4)));
                }
            }
            return items;
        }
    }

    static void remove(Connection connection, long seq) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            delete.setLong(1, seq);
            delete.executeUpdate();
        }
    }

    /** The recipient said it has the message: whatever still waits to carry it there (held by others meanwhile) can go. */
    static void removeDelivered(Connection connection, PeerId recipient, long messageSeq) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE recipient = ? AND message_seq = ?")) {
            delete.setString(1, recipient.toHex());
            delete.setLong(2, messageSeq);
            delete.executeUpdate();
        }
    }

    /**
     * Takes a message deleted for everyone out of the outbox where it has not left yet (no mailbox holds it): a recipient
     * that did not get it never will.
     */
    static void withdraw(Connection connection, long messageSeq) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE message_seq = ? AND NOT deposited")) {
            delete.setLong(1, messageSeq);
            delete.executeUpdate();
        }
    }

    static void markDeposited(Connection connection, long seq) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE outbox SET deposited = TRUE WHERE seq = ?")) {
            update.setLong(1, seq);
            update.executeUpdate();
        }
    }

    /** Everyone with something still to deliver. */
    static List<PeerId> recipients(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT DISTINCT recipient FROM outbox")) {
            List<PeerId> recipients = new ArrayList<>();
            while (rows.next()) {
                recipients.add(MessageRows.peer(rows.getString(1)));
            }
            return recipients;
        }
    }
}
