package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.core.Envelope.Members;
import org.peerdesk.messaging.core.MessageRows.NewMessage;

/**
 * A new member list of a group this node created, stored with its note ("you added Bob") and queued
 * for everyone who was or is a member: its {@code seq} is the note's, {@code told} who hears of it.
 */
record MemberChange(long seq, Set<PeerId> told) {

    /** Stores the change (a new group when {@code before} is empty), in the caller's transaction. */
    static MemberChange store(Connection connection, Mailroom room, ConversationId id, String title, Collection<PeerId> before,
            Collection<PeerId> after, long clock) throws SQLException {
        return store(connection, room, id, title, before, after, clock, MemberNotes.describe(room.self.id(), title, before, after, room::name));
    }

    /** As {@link #store(Connection, Mailroom, ConversationId, String, Collection, Collection, long)}, with a note of its own here. */
    static MemberChange store(Connection connection, Mailroom room, ConversationId id, String title, Collection<PeerId> before,
            Collection<PeerId> after, long clock, String noteHere) throws SQLException {
        Set<PeerId> told = new LinkedHashSet<>(before);
        told.addAll(after);
        told.remove(room.self.id());
        Envelope envelope = new Envelope(Envelopes.newId(), id, room.self.id(), clock, new Members(title, List.copyOf(after)));
        NewMessage note = new NewMessage(envelope.id(), id, Message.Kind.MEMBERS, room.self.id(), clock, noteHere, List.of(), true);
        if (before.isEmpty()) {
            MessageRows.createConversation(connection, id, Conversation.Kind.GROUP, title, room.self.id(), clock, after);
        } else {
            MessageRows.replaceMembers(connection, id, title, clock, after);
        }
        return new MemberChange(room.queue(connection, envelope, told, Optional.of(note)), told);
    }
}
