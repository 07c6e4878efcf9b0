package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.core.Envelope.Members;
import org.peerdesk.messaging.core.Envelope.Names;
import org.peerdesk.messaging.core.MessageRows.NewMessage;

/**
 * A new member list of a group this node created, stored with its note ("you added Bob") and queued
 * for everyone who was or is a member: its {@code seq} is the note's, {@code told} who hears of it.
 */
record MemberChange(long seq, Set<PeerId> told) {

    /** Stores the change (a new group when {@code before} is empty), in the caller's transaction. */
    static MemberChange store(Connection connection, Mailroom room, ConversationId id, String title, Collection<PeerId> before,
            Collection<PeerId> after, long clock) throws SQLException {
        return store(connection, room, id, before, new Members(title, List.copyOf(after)), clock);
    }

    /** Takes out a member who asked to leave, so that everyone reads that it left (not that it was removed). */
    static MemberChange leaving(Connection connection, Mailroom room, ConversationId id, String title, Collection<PeerId> before,
            PeerId leaver, long clock) throws SQLException {
        List<PeerId> after = before.stream().filter(member -> !member.equals(leaver)).toList();
        return store(connection, room, id, before, new Members(title, after, Optional.of(leaver)), clock);
    }

    private static MemberChange store(Connection connection, Mailroom room, ConversationId id, Collection<PeerId> before, Members members,
            long clock) throws SQLException {
        Set<PeerId> told = new LinkedHashSet<>(before);
        told.addAll(members.members());
        told.remove(room.self.id());
        Envelope envelope = new Envelope(Envelopes.newId(), id, room.self.id(), clock, members);
        String noteHere = MemberNotes.describe(room.self.id(), before, members, room::name);
        NewMessage note = new NewMessage(envelope.id(), id, Message.Kind.MEMBERS, room.self.id(), clock, noteHere, List.of(), true);
        if (before.isEmpty()) {
            MessageRows.createConversation(connection, id, Conversation.Kind.GROUP, members.title(), room.self.id(), clock, members.members());
        } else {
            MessageRows.replaceMembers(connection, id, members.title(), clock, members.members());
        }
        long seq = room.queue(connection, envelope, told, Optional.of(note));
        queueNames(connection, room, id, members.members(), members.members().stream().filter(member -> !member.equals(room.self.id())).toList());
        return new MemberChange(seq, told);
    }

    /** Queues for {@code recipients} what this node calls the group's {@code members}, where it knows them by a name. */
    static void queueNames(Connection connection, Mailroom room, ConversationId id, List<PeerId> members, List<PeerId> recipients)
            throws SQLException {
        Map<PeerId, String> names = namesOf(room, members);
        if (!names.isEmpty()) {
            room.queue(connection, new Envelope(Envelopes.newId(), id, room.self.id(), room.clock.tick(), new Names(names)), recipients,
                    Optional.empty());
        }
    }

    /** The names this node knows the members by, for members who do not know each other as peers (see {@link MemberNames}). */
    private static Map<PeerId, String> namesOf(Mailroom room, List<PeerId> members) {
        Map<PeerId, String> names = new LinkedHashMap<>();
        for (PeerId member : members) {
            String name = room.name(member);
            if (!member.equals(room.self.id()) && !name.equals(member.shortForm()) && Envelopes.fitsAsName(name)) {
                names.put(member, name);
            }
        }
        return names;
    }
}
