package org.peerdesk.messaging.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.transport.PeerStreams;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RefusalCode;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;

/**
 * The messages a lost machine had and its backup did not (those after the backup's last run), and what was done to
 * messages since (edits, deletions, reactions, pins), fetched again from the peers they were exchanged with, once a new
 * machine took the lost node's place. A take-over plans it: each peer the
 * node knew, and each member of the conversations brought back, is asked, as it next connects to the node (within
 * {@link #ASKED_FOR}), for what it has of their conversations from shortly before the newest message brought back (all of
 * it, where the backup kept no conversations); {@link History#catchUp} takes what the peer or this node wrote, and nothing
 * else, and {@link LaterChanges} what either did since. A peer that cannot answer is asked again at its next connection;
 * one of a version before changes were given back ({@value #FIRST_PROTOCOL}) gives the messages alone.
 * <pre>
 * ask:     since (long, a hybrid clock)
 * answer:  a history ({@link History}'s format, with nothing personal in it) of the conversations the two share: the
 *          messages from that clock on that the asker wrote, or that the peer wrote to it; then (not in the first
 *          version) the changes either made to those conversations' messages from that clock on ({@link LaterChanges})
 * </pre>
 */
final class CatchUps {

    static final String PROTOCOL = "/peerdesk/catch-up/2";
    /** The protocol before changes were given back, which peers of that version ask and answer. */
    static final String FIRST_PROTOCOL = "/peerdesk/catch-up/1";
    /** How far before the newest message brought back the peers are asked from: mail can reach a node days late. */
    static final Duration MARGIN = Duration.ofDays(7);
    /** How long after a take-over a peer not yet connected is still asked. */
    static final Duration ASKED_FOR = Duration.ofDays(30);
    private static final ProtocolId CATCH_UP = ProtocolId.of(PROTOCOL);
    private static final ProtocolId FIRST_CATCH_UP = ProtocolId.of(FIRST_PROTOCOL);
    private static final Logger LOG = System.getLogger(CatchUps.class.getName());

    private final Mailroom room;
    private final History history;
    private final PeerStreams streams;
    private final ExecutorService workers;
    private final Clock clock;
    /** A peer asks for a whole history at most this often (bursts of two); more waits. */
    private final Pace answers = new Pace(1.0 / 60, 2);
    private final Set<PeerId> asking = ConcurrentHashMap.newKeySet();

    CatchUps(Mailroom room, History history, PeerStreams streams, ExecutorService workers, Clock clock) {
        this.room = room;
        this.history = history;
        this.streams = streams;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Once this node took the place of {@code node} and brought back its history: asks each of {@code peers} (those it
     * knew) and every other member of the conversations here for what they have of their conversations with it, from
     * shortly before the newest message here, once this node runs as {@code node}. Asks those connected now at once.
     * Returns how many peers are to be asked.
     */
    int planAfterHistory(PeerId node, Collection<PeerId> peers) throws MessagingException {
        return plan(node, peers, connection -> newestClock(connection)
                .map(newest -> Math.max(0, newest - (MARGIN.toMillis() << HybridClock.COUNTER_BITS))).orElse(0L));
    }

    /** As {@link #planAfterHistory}, where the backup kept no history: the peers are asked for all they have. */
    int planWithoutHistory(PeerId node, Collection<PeerId> peers) throws MessagingException {
        return plan(node, peers, connection -> 0L);
    }

    private int plan(PeerId node, Collection<PeerId> peers, SqlWork<Long> from) throws MessagingException {
        int planned = room.transact(connection -> {
            long since = from.run(connection);
            Set<PeerId> asked = new LinkedHashSet<>(peers);
            try (PreparedStatement members = connection.prepareStatement("SELECT DISTINCT peer_id FROM members");
                    ResultSet rows = members.executeQuery()) {
                while (rows.next()) {
                    asked.add(PeerId.fromHex(rows.getString(1)));
                }
            }
            asked.remove(node);
            asked.remove(room.self.id());
            try (PreparedStatement plan = connection.prepareStatement(
                    "MERGE INTO catch_ups (peer_id, as_node, since, planned) KEY (peer_id) VALUES (?, ?, ?, ?)")) {
                for (PeerId peer : asked) {
                    plan.setString(1, peer.toHex());
                    plan.setString(2, node.toHex());
                    plan.setLong(3, since);
                    plan.setTimestamp(4, Timestamp.from(clock.instant()));
                    plan.addBatch();
                }
                return plan.executeBatch().length;
            }
        });
        streams.connectedPeers().forEach(this::peerConnected);
        return planned;
    }

    /** A peer connected: asks it, on a worker, if this node is to and runs as the node that is to. */
    void peerConnected(PeerId peer) {
        try {
            Optional<Long> since = room.transact(connection -> due(connection, peer));
            if (since.isPresent() && asking.add(peer)) {
                workers.execute(() -> {
                    try {
                        ask(peer, since.get());
                    } finally {
                        asking.remove(peer);
                    }
                });
            }
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "Could not look up whether to ask {0} for messages: {1}", peer.shortForm(), e.getMessage());
        }
    }

    private void ask(PeerId peer, long since) {
        try {
            Caught got;
            try {
                got = ask(peer, since, true);
            } catch (IOException e) {
                if (!StreamRefusedException.refusedBecause(e, RefusalCode.UNKNOWN_PROTOCOL)) {
                    throw e;
                }
                got = ask(peer, since, false);
            }
            Set<ConversationId> changed = new LinkedHashSet<>(got.changed());
            changed.addAll(room.transact(connection -> forget(connection, peer))); // no longer waiting
            changed.forEach(room.news::conversationChanged);
            LOG.log(Level.INFO, "{0} gave back {1} in {2} that the backup did not have, and {3}", peer.shortForm(),
                    Counts.of(got.history().messages(), "message"), Counts.of(got.history().conversations(), "conversation"),
                    Counts.of(got.changes(), "later change"));
        } catch (IOException | MessagingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not get back the messages since the backup from {0} (asked again when it next connects): {1}",
                    peer.shortForm(), e.getMessage());
        }
    }

    /** What a peer gave back: the messages, and how many of the changes it told of were made here, in which conversations. */
    record Caught(History.TakenBack history, int changes, Set<ConversationId> changed) {
    }

    /** Asks {@code peer} for what it has from {@code since} on: with the later changes, or as the first version did. */
    private Caught ask(PeerId peer, long since, boolean withChanges) throws IOException, MessagingException {
        try (Stream stream = streams.open(peer, withChanges ? CATCH_UP : FIRST_CATCH_UP)) {
            DataOutputStream out = new DataOutputStream(stream.output());
            out.writeLong(since);
            out.flush();
            return take(new DataInputStream(new BufferedInputStream(stream.input())), peer, withChanges);
        }
    }

    /** Takes {@code peer}'s answer: the messages, then (if it gives them) the changes. */
    Caught take(DataInputStream answer, PeerId peer, boolean withChanges) throws IOException, MessagingException {
        PeerId self = room.self.id();
        History.TakenBack messages = history.catchUp(answer, self, peer);
        List<LaterChanges.Change> changes = withChanges ? LaterChanges.read(answer, peer) : List.of();
        return new Caught(messages, changes.size(), LaterChanges.apply(room, changes, self, peer));
    }

    /** The peers still to be asked, as this node runs now. */
    List<PeerId> pending() throws MessagingException {
        return room.transact(connection -> {
            List<PeerId> peers = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT peer_id FROM catch_ups WHERE as_node = ? AND planned > ? ORDER BY peer_id")) {
                select.setString(1, room.self.id().toHex());
                select.setTimestamp(2, Timestamp.from(clock.instant().minus(ASKED_FOR)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        peers.add(PeerId.fromHex(rows.getString(1)));
                    }
                }
            }
            return peers;
        });
    }

    /**
     * A peer's side: the history of the conversations it shares with this node, from the clock asked for on: the asker's
     * messages, and this node's that went to the asker (not those of a group from before it joined); then, if
     * {@code withChanges}, what either of the two did to those conversations' messages from that clock on.
     */
    void serve(Stream stream, boolean withChanges) throws IOException, MessagingException, InterruptedException {
        PeerId asker = stream.peer();
        answers.take(asker, 1);
        long since = new DataInputStream(new BufferedInputStream(stream.input(), 64)).readLong();
        try (History.Writer out = new History.Writer(stream.output(), false, withChanges ? History.VERSION : History.BEFORE_SETTINGS)) {
            AllMessages.read(room, new AllMessages.Selection(conversation -> conversation.members().contains(asker), Math.max(0, since)),
                    List.of(new AllMessages.Reader() {
                        @Override
                        public void begin(Conversation conversation, Disappearing.Periods settings) throws IOException {
                            out.begin(conversation, settings);
                        }

                        @Override
                        public void message(Message message) throws IOException {
                            if (message.author().equals(asker) || message.author().equals(room.self.id()) && wentTo(asker, message)) {
                                out.message(message);
                            }
                        }

                        @Override
                        public void end(Conversation conversation) throws IOException {
                            out.end(conversation);
                        }
                    }));
            out.finish();
            if (withChanges) {
                DataOutputStream changes = new DataOutputStream(new BufferedOutputStream(stream.output()));
                LaterChanges.write(changes, room.transact(connection -> LaterChanges.since(connection, asker, room.self.id(), Math.max(0, since))));
                changes.flush();
            }
        }
    }

    private boolean wentTo(PeerId peer, Message message) throws IOException {
        try {
            return room.transact(connection -> MessageRows.receipts(connection, message.id())).stream()
                    .anyMatch(receipt -> receipt.recipient().equals(peer));
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The clock to ask {@code peer} from, if it is to be asked now: planned for the node this one runs as, not too long ago. */
    private Optional<Long> due(Connection connection, PeerId peer) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT as_node, since, planned FROM catch_ups WHERE peer_id = ?")) {
            select.setString(1, peer.toHex());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                if (row.getTimestamp(3).toInstant().plus(ASKED_FOR).isBefore(clock.instant())) {
                    forget(connection, peer);
                    return Optional.empty();
                }
                return row.getString(1).equals(room.self.id().toHex()) ? Optional.of(row.getLong(2)) : Optional.empty();
            }
        }
    }

    /** Asks {@code peer} no more; returns the conversations it is a member of. */
    private static List<ConversationId> forget(Connection connection, PeerId peer) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catch_ups WHERE peer_id = ?")) {
            delete.setString(1, peer.toHex());
            delete.executeUpdate();
        }
        List<ConversationId> shared = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT conversation_id FROM members WHERE peer_id = ?")) {
            select.setString(1, peer.toHex());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    shared.add(new ConversationId(rows.getString(1)));
                }
            }
        }
        return shared;
    }

    private static Optional<Long> newestClock(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SELECT MAX(clock) FROM messages")) {
            row.next();
            long newest = row.getLong(1);
            return row.wasNull() ? Optional.empty() : Optional.of(newest);
        }
    }
}
