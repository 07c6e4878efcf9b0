package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.HeldMail;

/**
 * Sealed mail this node holds as other peers' mailbox. Each depositor has a quota, so one peer
 * cannot fill the disk; mail nobody fetched is dropped after {@link #KEEP_DAYS} days, or sooner where its depositor said
 * until when it matters (a message set to disappear): from then on it is handed to no one, and the next purge drops it.
 */
final class MailboxRows {

    static final int MAX_ITEMS_PER_DEPOSITOR = 20_000;
    static final long MAX_BYTES_PER_DEPOSITOR = 256L * 1024 * 1024;
    static final int KEEP_DAYS = 30;

    record Item(long seq, byte[] mail) {
    }

    private MailboxRows() {
    }

    /** Stores mail for {@code recipient}; a refusal (quota) comes back as the reason. */
    static Optional<String> deposit(Connection connection, PeerId recipient, PeerId depositor, byte[] mail, Instant now,
            Optional<Instant> until) throws SQLException {
        try (PreparedStatement usage = connection.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(mail)), 0) FROM mailbox_items WHERE depositor = ?"
                        + " AND (expires IS NULL OR expires > ?)")) {
            usage.setString(1, depositor.toHex());
            usage.setTimestamp(2, Timestamp.from(now));
            try (ResultSet row = usage.executeQuery()) {
                row.next();
                if (row.getInt(1) >= MAX_ITEMS_PER_DEPOSITOR || row.getLong(2) + mail.length > MAX_BYTES_PER_DEPOSITOR) {
                    return Optional.of("this mailbox already holds as much of your mail as it takes ("
                            + MAX_ITEMS_PER_DEPOSITOR + " messages or 256 MiB); it waits to be fetched");
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mailbox_items (recipient, depositor, mail, stored, expires) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, recipient.toHex());
            insert.setString(2, depositor.toHex());
            insert.setBytes(3, mail);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, until.map(Timestamp::from).orElse(null));
            insert.executeUpdate();
        }
        return Optional.empty();
    }

    /** The first {@code limit} pieces of mail for {@code recipient} whose time has not come at {@code now}. */
    static List<Item> items(Connection connection, PeerId recipient, int limit, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, mail FROM mailbox_items WHERE recipient = ? AND (expires IS NULL OR expires > ?) ORDER BY seq LIMIT ?")) {
            select.setString(1, recipient.toHex());
            select.setTimestamp(2, Timestamp.from(now));
            select.setInt(3, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(new Item(rows.getLong(1), rows.getBytes(2)));
                }
            }
            return items;
        }
    }

    /** How much mail waits here for each recipient that has any: pieces, bytes, and when the oldest came. */
    static List<HeldMail> held(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT recipient, COUNT(*), SUM(OCTET_LENGTH(mail)), MIN(stored) "
                + "FROM mailbox_items GROUP BY recipient ORDER BY recipient")) {
            List<HeldMail> held = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    held.add(new HeldMail(MessageRows.peer(rows.getString(1)), rows.getInt(2), rows.getLong(3),
                            Optional.of(rows.getTimestamp(4).toInstant())));
                }
            }
            return held;
        }
    }

    /** Drops the mail the recipient has taken; only its own, whatever sequence numbers it names. */
    static void take(Connection connection, PeerId recipient, List<Long> seqs) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM mailbox_items WHERE seq = ? AND recipient = ?")) {
            for (long seq : seqs) {
                delete.setLong(1, seq);
                delete.setString(2, recipient.toHex());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    static int purge(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM mailbox_items WHERE stored < ? OR expires <= ?")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(java.time.Duration.ofDays(KEEP_DAYS))));
            delete.setTimestamp(2, Timestamp.from(now));
            return delete.executeUpdate();
        }
    }
}
