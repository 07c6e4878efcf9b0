package org.peerdesk.messaging.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;

/**
 * The second part of a peer's answer to a catch-up ({@link CatchUps}), after the history: what the two peers did from a clock
 * on to messages of the conversations they share, also to messages older than that clock. A machine taken over had its
 * backup's version of those messages: an edit made since would read as the old text, a message deleted for everyone since
 * would be back, and reactions and pins would be as they were. In the history's encoding:
 * <pre>
 * changes: each: 1 (byte) and a change; then 0 (byte)
 * change:  kind (byte: 0 new text, 1 deleted, 2 reaction, 3 pinned, 4 unpinned), message ID, conversation ID, who made
 *          it, clock (long); then, for a new text, the text and whom it mentions, and for a reaction, the reaction ("" for
 *          one taken back)
 * </pre>
 * The newest change counts, here as where it was made: one older than what is here changes nothing.
 */
final class LaterChanges {

    /** The most changes an answer tells of: far more than any user makes in weeks, far fewer than a flood. */
    static final int MAX = 100_000;
    private static final int BATCH = 1000;

    enum Kind {
        TEXT, DELETED, REACTION, PINNED, UNPINNED
    }

    /** A change to a message, by {@code by}; {@code text} is the new text or the reaction, {@code mentions} those of a new text. */
    record Change(Kind kind, String messageId, ConversationId conversation, PeerId by, long clock, String text, List<PeerId> mentions) {
    }

    private LaterChanges() {
    }

    /** A peer's side: writes {@code changes} as the answer's part. */
    static void write(DataOutputStream out, List<Change> changes) throws IOException {
        for (Change change : changes) {
            out.writeByte(1);
            out.writeByte(change.kind().ordinal());
            History.writeString(out, change.messageId());
            History.writeString(out, change.conversation().value());
            History.writeString(out, change.by().toHex());
            out.writeLong(change.clock());
            if (change.kind() == Kind.TEXT) {
                History.writeString(out, change.text());
                History.writePeers(out, change.mentions());
            } else if (change.kind() == Kind.REACTION) {
                History.writeString(out, change.text());
            }
        }
        out.writeByte(0);
    }

    /**
     * A peer's side: the changes from {@code since} on that {@code asker} or {@code self} made in the conversations the asker
     * is a member of: edits and deletions of messages the asker wrote or was sent, reactions, pins.
     */
    static List<Change> since(Connection connection, PeerId asker, PeerId self, long since) throws SQLException {
        List<Change> changes = new ArrayList<>();
        String shared = " JOIN members c ON c.conversation_id = %s.conversation_id AND c.peer_id = ?";
        try (PreparedStatement revisions = connection.prepareStatement("SELECT m.id, m.conversation_id, m.author, m.revision_clock,"
                + " m.deleted, m.body, m.mentions FROM messages m" + shared.formatted("m") + " WHERE m.revision_clock >= ? AND m.revision_clock > 0"
                + " AND (m.author = ? OR m.author = ? AND EXISTS (SELECT 1 FROM deliveries d WHERE d.message_seq = m.seq AND d.peer_id = ?))"
                + " ORDER BY m.revision_clock LIMIT " + MAX)) {
            set(revisions, asker.toHex(), since, asker.toHex(), self.toHex(), asker.toHex());
            try (ResultSet rows = revisions.executeQuery()) {
                while (rows.next()) {
                    boolean deleted = rows.getBoolean(5);
                    changes.add(new Change(deleted ? Kind.DELETED : Kind.TEXT, rows.getString(1), new ConversationId(rows.getString(2)),
                            MessageRows.peer(rows.getString(3)), rows.getLong(4), deleted ? "" : rows.getString(6),
                            deleted ? List.of() : MessageRows.mentions(rows.getString(7))));
                }
            }
        }
        try (PreparedStatement reactions = connection.prepareStatement("SELECT r.message_id, r.conversation_id, r.author, r.clock,"
                + " r.reaction FROM message_reactions r" + shared.formatted("r") + " WHERE r.clock >= ? AND r.author IN (?, ?)"
                + " ORDER BY r.clock LIMIT " + MAX)) {
            set(reactions, asker.toHex(), since, asker.toHex(), self.toHex());
            try (ResultSet rows = reactions.executeQuery()) {
                while (rows.next()) {
                    changes.add(new Change(Kind.REACTION, rows.getString(1), new ConversationId(rows.getString(2)),
                            MessageRows.peer(rows.getString(3)), rows.getLong(4), rows.getString(5), List.of()));
                }
            }
        }
        try (PreparedStatement pins = connection.prepareStatement("SELECT p.message_id, p.conversation_id, p.author, p.clock, p.pinned"
                + " FROM message_pins p" + shared.formatted("p") + " WHERE p.clock >= ? AND p.author IN (?, ?) ORDER BY p.clock LIMIT " + MAX)) {
            set(pins, asker.toHex(), since, asker.toHex(), self.toHex());
            try (ResultSet rows = pins.executeQuery()) {
                while (rows.next()) {
                    changes.add(new Change(rows.getBoolean(5) ? Kind.PINNED : Kind.UNPINNED, rows.getString(1),
                            new ConversationId(rows.getString(2)), MessageRows.peer(rows.getString(3)), rows.getLong(4), "", List.of()));
                }
            }
        }
        return changes.subList(0, Math.min(MAX, changes.size()));
    }

    private static void set(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    /** Reads the changes {@code peer} answered; one that ends early or is damaged is named so. */
    static List<Change> read(DataInputStream in, PeerId peer) throws IOException {
        try {
            return read(in);
        } catch (EOFException e) {
            throw History.endedEarly(peer);
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw History.damaged(peer, e);
        }
    }

    private static List<Change> read(DataInputStream in) throws IOException, InvalidInputException {
        List<Change> changes = new ArrayList<>();
        while (History.more(in)) {
            if (changes.size() == MAX) {
                throw new InvalidInputException("it tells of more than " + MAX + " changes");
            }
            int kind = in.readUnsignedByte();
            if (kind >= Kind.values().length) {
                throw new InvalidInputException("a change of kind " + kind + ", none known");
            }
            Kind known = Kind.values()[kind];
            String messageId = History.readString(in);
            ConversationId conversation = ConversationId.parse(History.readString(in));
            PeerId by = PeerId.fromHex(History.readString(in));
            long clock = in.readLong();
            String text = known == Kind.TEXT || known == Kind.REACTION ? History.readString(in) : "";
            List<PeerId> mentions = known == Kind.TEXT ? History.readPeers(in) : List.of();
            changes.add(new Change(known, messageId, conversation, by, clock, text, mentions));
        }
        return changes;
    }

    /**
     * Makes the changes that {@code node} (this node, as it is to become) or {@code peer} made to messages here, where each
     * is newer than what is here and its maker may make it: a message's author its edits and deletion, a member its
     * reactions and pins, each in the message's own conversation. Returns the conversations that changed.
     */
    static Set<ConversationId> apply(Mailroom room, List<Change> changes, PeerId node, PeerId peer) throws MessagingException {
        Set<ConversationId> changed = new LinkedHashSet<>();
        for (int from = 0; from < changes.size(); from += BATCH) {
            List<Change> batch = changes.subList(from, Math.min(changes.size(), from + BATCH));
            room.transact(connection -> {
                for (Change change : batch) {
                    if ((change.by().equals(node) || change.by().equals(peer)) && apply(connection, change, node)) {
                        changed.add(change.conversation());
                    }
                }
                return null;
            });
        }
        return changed;
    }

    private static boolean apply(Connection connection, Change change, PeerId node) throws SQLException {
        Optional<Revisions.Target> target = Revisions.target(connection, change.messageId());
        Optional<MessageRows.Header> header = MessageRows.header(connection, change.conversation());
        if (target.isEmpty() || header.isEmpty() || !target.get().conversation().equals(change.conversation())
                || !header.get().members().contains(change.by()) || target.get().kind() != Message.Kind.TEXT || target.get().deleted()) {
            return false;
        }
        return switch (change.kind()) {
            case TEXT, DELETED -> revise(connection, target.get(), change, node);
            case REACTION -> Reactions.apply(connection, change.messageId(), change.conversation(), change.by(), change.text(), change.clock());
            case PINNED, UNPINNED -> Pins.apply(connection, change.messageId(), change.conversation(), change.by(), change.kind() == Kind.PINNED,
                    change.clock());
        };
    }

    private static boolean revise(Connection connection, Revisions.Target target, Change change, PeerId node) throws SQLException {
        Optional<String> body = change.kind() == Kind.DELETED ? Optional.empty() : Optional.of(change.text());
        if (!target.author().equals(change.by()) || change.clock() <= target.revisionClock() || Revisions.problem(target, body).isPresent()) {
            return false;
        }
        Revisions.apply(connection, target, new Revisions.Change(body, body.map(any -> change.mentions())), change.clock(), node);
        return true;
    }
}
