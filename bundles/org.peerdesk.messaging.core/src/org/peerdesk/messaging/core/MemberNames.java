package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;

/**
 * The names that groups' creators call their members by, for the members this node does not know as peers:
 * they read "Cai" rather than an ID. A peer this node knows keeps the name it knows it by.
 */
final class MemberNames {

    private MemberNames() {
    }

    static Map<PeerId, String> all(Connection connection) throws SQLException {
        Map<PeerId, String> names = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT peer_id, name FROM member_names");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.put(MessageRows.peer(rows.getString(1)), rows.getString(2));
            }
        }
        return names;
    }

    /**
     * Remembers what the creator of {@code group} calls its members, and writes those names into the group's notes
     * of member changes where they read as IDs.
     */
    static void remember(Connection connection, ConversationId group, Map<PeerId, String> names) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO member_names KEY (peer_id) VALUES (?, ?)");
                PreparedStatement notes = connection.prepareStatement("UPDATE messages SET body = REPLACE(body, ?, ?) "
                        + "WHERE conversation_id = ? AND kind = '" + Message.Kind.MEMBERS.name() + "'")) {
            for (Map.Entry<PeerId, String> named : names.entrySet()) {
                merge.setString(1, named.getKey().toHex());
                merge.setString(2, named.getValue());
                merge.executeUpdate();
                notes.setString(1, named.getKey().shortForm());
                notes.setString(2, named.getValue());
                notes.setString(3, group.value());
                notes.executeUpdate();
            }
        }
    }
}
