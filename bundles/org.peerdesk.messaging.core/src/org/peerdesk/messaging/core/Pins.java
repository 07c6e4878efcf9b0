package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Pin;

/**
 * Messages pinned to the top of their conversation, the same on every member's node: any member pins or unpins a message,
 * and the newest change (by clock, then author) counts, so that changes arriving late or twice change nothing; an unpinned
 * message keeps its row, so that an older pin arriving after it does not pin it again. A pin names the conversation it came
 * in, and counts only for a message of that conversation. Every method runs in the caller's transaction.
 */
final class Pins {

    private static final int IDS_PER_QUERY = 100;

    private Pins() {
    }

    /** Whether {@code author}'s pin as of {@code clock} of a message that is not here may be kept for it (see {@link EarlyRows}). */
    static boolean mayKeepEarly(Connection connection, PeerId author, long clock) throws SQLException {
        return EarlyRows.mayKeep(connection, "message_pins", author, clock);
    }

    /** Records that {@code author} pinned (or unpinned) the message as of {@code clock}, unless a newer change is kept; returns whether it was. */
    static boolean apply(Connection connection, String messageId, ConversationId conversation, PeerId author, boolean pinned, long clock)
            throws SQLException {
        try (PreparedStatement newer = connection.prepareStatement(
                "SELECT 1 FROM message_pins WHERE message_id = ? AND (clock > ? OR clock = ? AND author >= ?)")) {
            newer.setString(1, messageId);
            newer.setLong(2, clock);
            newer.setLong(3, clock);
            newer.setString(4, author.toHex());
            try (ResultSet kept = newer.executeQuery()) {
                if (kept.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO message_pins (message_id, conversation_id, author, pinned, clock) KEY (message_id) VALUES (?, ?, ?, ?, ?)")) {
            merge.setString(1, messageId);
            merge.setString(2, conversation.value());
            merge.setString(3, author.toHex());
            merge.setBoolean(4, pinned);
            merge.setLong(5, clock);
            merge.executeUpdate();
        }
        return true;
    }

    /** The pin of each of {@code messages} that is pinned in its own conversation. */
    static Map<String, Pin> of(Connection connection, List<Message> messages) throws SQLException {
        Map<String, ConversationId> conversations = new HashMap<>();
        messages.forEach(message -> conversations.put(message.id(), message.conversation()));
        List<String> ids = List.copyOf(conversations.keySet());
        Map<String, Pin> pins = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            try (PreparedStatement select = connection.prepareStatement("SELECT message_id, conversation_id, author, clock FROM message_pins"
                    + " WHERE pinned AND message_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (conversations.get(rows.getString(1)).value().equals(rows.getString(2))) {
                            pins.put(rows.getString(1), new Pin(MessageRows.peer(rows.getString(3)), rows.getLong(4)));
                        }
                    }
                }
            }
        }
        return pins;
    }
}
