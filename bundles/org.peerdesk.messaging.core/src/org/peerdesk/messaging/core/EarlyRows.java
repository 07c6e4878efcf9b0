package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.peerdesk.core.PeerId;

/**
 * Rows kept for messages that are not here (yet), such as reactions and pins that came before their message: it took
 * another way, or it never comes (to a member added after it was written). Rows kept that long
 * ({@link Revisions#EARLY_KEPT_MILLIS}) without their message go first, as early changes do, and a member keeps at most
 * {@value Revisions#MAX_EARLY_PER_AUTHOR} in a table, so that rows for messages that never come do not pile up.
 */
final class EarlyRows {

    private EarlyRows() {
    }

    /**
     * Whether {@code author}'s row as of {@code clock} in {@code table} (with columns {@code message_id}, {@code author},
     * {@code clock}) for a message that is not here may be kept; clears out the expired ones first.
     */
    static boolean mayKeep(Connection connection, String table, PeerId author, long clock) throws SQLException {
        String orphans = "FROM " + table + " r WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message_id)";
        try (PreparedStatement expired = connection.prepareStatement("DELETE " + orphans + " AND r.clock < ?");
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) " + orphans + " AND r.author = ?")) {
            expired.setLong(1, clock - (Revisions.EARLY_KEPT_MILLIS << HybridClock.COUNTER_BITS));
            expired.executeUpdate();
            count.setString(1, author.toHex());
            try (ResultSet counted = count.executeQuery()) {
                counted.next();
                return counted.getInt(1) < Revisions.MAX_EARLY_PER_AUTHOR;
            }
        }
    }
}
