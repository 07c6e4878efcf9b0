package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Reaction;

/**
 * Members' reactions to messages, the same on every member's node: each member's newest (by clock) per message counts,
 * so that reactions arriving late or twice change nothing; one taken back is kept empty, so that an older reaction
 * arriving after it does not come back. A reaction names the conversation it came in, and shows only on a message of that
 * conversation: one kept for a message that had not come cannot be made to show elsewhere. Every method runs in the
 * caller's transaction.
 */
final class Reactions {

    private static final int IDS_PER_QUERY = 100;

    /** Whether {@code author}'s reaction as of {@code clock} to a message that is not here may be kept for it (see {@link EarlyRows}). */
    static boolean mayKeepEarly(Connection connection, PeerId author, long clock) throws SQLException {
        return EarlyRows.mayKeep(connection, "message_reactions", author, clock);
    }

    /** Records {@code author}'s reaction ("" takes it back) as of {@code clock}, unless a newer one is kept; returns whether it was. */
    static boolean apply(Connection connection, String messageId, ConversationId conversation, PeerId author, String reaction, long clock)
            throws SQLException {
        try (PreparedStatement newer = connection.prepareStatement(
                "SELECT 1 FROM message_reactions WHERE message_id = ? AND author = ? AND clock >= ?")) {
            newer.setString(1, messageId);
            newer.setString(2, author.toHex());
            newer.setLong(3, clock);
            try (ResultSet kept = newer.executeQuery()) {
                if (kept.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO message_reactions (message_id, author, conversation_id, reaction, clock) KEY (message_id, author)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            merge.setString(1, messageId);
            merge.setString(2, author.toHex());
            merge.setString(3, conversation.value());
            merge.setString(4, reaction);
            merge.setLong(5, clock);
            merge.executeUpdate();
        }
        return true;
    }

    /** The reactions to each of {@code messages} that has any, each with its members in the order they reacted. */
    static Map<String, List<Reaction>> of(Connection connection, List<Message> messages) throws SQLException {
        Map<String, ConversationId> conversations = new HashMap<>();
        messages.forEach(message -> conversations.put(message.id(), message.conversation()));
        List<String> ids = List.copyOf(conversations.keySet());
        Map<String, Map<String, List<PeerId>>> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            try (PreparedStatement select = connection.prepareStatement("SELECT message_id, author, reaction, conversation_id FROM message_reactions"
                    + " WHERE reaction <> '' AND message_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")"
                    + " ORDER BY clock")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (!conversations.get(rows.getString(1)).value().equals(rows.getString(4))) {
                            continue;
                        }
                        found.computeIfAbsent(rows.getString(1), any -> new LinkedHashMap<>())
                                .computeIfAbsent(rows.getString(3), any -> new ArrayList<>()).add(MessageRows.peer(rows.getString(2)));
                    }
                }
            }
        }
        Map<String, List<Reaction>> reactions = new HashMap<>();
        found.forEach((message, byReaction) -> reactions.put(message,
                byReaction.entrySet().stream().map(each -> new Reaction(each.getKey(), each.getValue())).toList()));
        return reactions;
    }
}
