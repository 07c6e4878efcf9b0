package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.TrustState;

/** The trust states the user set; peers without a row are trusted if known, strangers if not. */
final class TrustRows {

    private TrustRows() {
    }

    static Map<PeerId, TrustState> all(Connection connection) throws SQLException {
        Map<PeerId, TrustState> states = new HashMap<>();
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT peer_id, state FROM peer_trust")) {
            while (rows.next()) {
                try {
                    states.put(Sql.peer(rows.getString("peer_id")), TrustState.valueOf(rows.getString("state")));
                } catch (IllegalArgumentException e) {
                    throw new SQLException("A trust state in the database is damaged: " + e.getMessage(), e);
                }
            }
        }
        return states;
    }

    static void clear(Connection connection, PeerId peer) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM peer_trust WHERE peer_id = ?")) {
            delete.setString(1, peer.toHex());
            delete.executeUpdate();
        }
    }

    static void set(Connection connection, PeerId peer, TrustState state, Instant now) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO peer_trust (peer_id, state, since) KEY (peer_id) VALUES (?, ?, ?)")) {
            merge.setString(1, peer.toHex());
            merge.setString(2, state.name());
            merge.setTimestamp(3, Timestamp.from(now));
            merge.executeUpdate();
        }
    }
}
