package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.core.Envelope.Members;
import org.peerdesk.messaging.core.MessageRows.Header;

/**
 * Brings a group back to a member that lost it: a node that took a lost machine's place, or whose database came back
 * from before it joined, answers the group's messages with "this node does not know conversation ... yet". Whoever
 * hears that answers with the group's member list as the creator signed it: the creator makes it again from what it
 * holds; every other member keeps the newest list it took, signed, to pass on. The list's signature is the creator's,
 * so a member passing it on can neither alter nor forge it, and a creator that lost its own group takes it back too.
 */
final class GroupLists {

    private GroupLists() {
    }

    /** Keeps {@code signed}, the creator's list of {@code group} as it came, in the place of an older one. */
    static void keep(Connection connection, ConversationId group, long clock, byte[] signed) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO group_lists (conversation_id, clock, envelope) KEY (conversation_id) VALUES (?, ?, ?)")) {
            merge.setString(1, group.value());
            merge.setLong(2, clock);
            merge.setBytes(3, signed);
            merge.executeUpdate();
        }
    }

    /**
     * Queues the member list of {@code group} for {@code member}, which said it does not know the group; whether there was
     * one to queue: this node must know the group with {@code member} in it, and have made or kept its list.
     */
    static boolean offer(Connection connection, Mailroom room, ConversationId group, PeerId member) throws SQLException {
        Optional<Header> header = MessageRows.header(connection, group)
                .filter(known -> known.kind() == Conversation.Kind.GROUP && known.members().contains(member));
        if (header.isEmpty()) {
            return false;
        }
        if (header.get().creator().equals(room.self.id())) {
            Envelope list = new Envelope(noteId(connection, group, header.get().membersClock()).orElseGet(Envelopes::newId), group,
                    room.self.id(), header.get().membersClock(), new Members(header.get().title(), header.get().members()));
            room.queue(connection, list, List.of(member), Optional.empty());
            MemberChange.queueNames(connection, room, group, header.get().members(), List.of(member));
            return true;
        }
        Optional<byte[]> kept = signed(connection, group);
        if (kept.isPresent()) {
            OutboxRows.insertSigned(connection, member, kept.get());
        }
        return kept.isPresent();
    }

    /**
     * Whether {@code from} may pass {@code envelope} on to {@code self}: a member list that has them both in it, written by
     * a creator that {@code self} lets message it (or by {@code self}, whose own group it lost).
     */
    static boolean passedOn(Envelope envelope, PeerId from, PeerId self, Inbox.Gate gate) {
        return envelope.payload() instanceof Members list && list.members().contains(from) && list.members().contains(self)
                && (envelope.author().equals(self) || gate.mayMessage(envelope.author()) && !gate.blocked(envelope.author()));
    }

    private static Optional<byte[]> signed(Connection connection, ConversationId group) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT envelope FROM group_lists WHERE conversation_id = ?")) {
            select.setString(1, group.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** The ID of the note the list of {@code clock} left here, which is its envelope's: a member that has it takes it once. */
    private static Optional<String> noteId(Connection connection, ConversationId group, long clock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM messages WHERE conversation_id = ? AND kind = ? AND clock = ?")) {
            select.setString(1, group.value());
            select.setString(2, Message.Kind.MEMBERS.name());
            select.setLong(3, clock);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
