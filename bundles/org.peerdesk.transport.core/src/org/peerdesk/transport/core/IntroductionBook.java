package org.peerdesk.transport.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.PeerAddress;

/**
 * Introductions on both sides: those this node's user made, waiting to reach each peer they go to, and those
 * known peers made to this node, waiting for its user's answer.
 */
final class IntroductionBook {

    /** Introductions from one peer that wait at most; more are not taken, so that no peer can fill the list. */
    static final int MOST_WAITING_PER_INTRODUCER = 100;

    static final AreaSchema SCHEMA = AreaSchema.of("introductions",
            Migration.sql(1, "introductions made and received",
                    "CREATE TABLE IF NOT EXISTS introductions_to_send (recipient CHAR(64) NOT NULL, peer_id CHAR(64) NOT NULL, "
                            + "queued_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (recipient, peer_id))",
                    "CREATE TABLE IF NOT EXISTS introductions_received (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                            + "introducer CHAR(64) NOT NULL, peer_id CHAR(64) NOT NULL, name VARCHAR(256) NOT NULL, "
                            + "addresses VARCHAR(4096) NOT NULL, received_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "UNIQUE (introducer, peer_id))"));

    /** What became of an introduction that arrived. */
    enum Outcome {
        /** It waits for the user's answer. */
        TAKEN,
        /** This node knows the peer already (or is that peer). */
        ALREADY_KNOWN,
        /** Its introducer has too many waiting. */
        TOO_MANY
    }

    private final Storage storage;
    private final Clock clock;

    IntroductionBook(Storage storage, Clock clock) throws StorageException {
        this.storage = storage;
        this.clock = clock;
        storage.migrate(SCHEMA);
    }

    /** Notes that {@code recipient} is to hear of {@code peer}; once, however often asked. */
    void queue(PeerId recipient, PeerId peer) throws StorageException {
        storage.transact(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO introductions_to_send KEY (recipient, peer_id) VALUES (?, ?, ?)")) {
                merge.setString(1, recipient.toHex());
                merge.setString(2, peer.toHex());
                merge.setTimestamp(3, Timestamp.from(clock.instant()));
                return merge.executeUpdate();
            }
        });
    }

    /** The peers {@code recipient} is still to hear of, oldest first. */
    List<PeerId> toSend(PeerId recipient) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT peer_id FROM introductions_to_send WHERE recipient = ? ORDER BY queued_at, peer_id")) {
                select.setString(1, recipient.toHex());
                List<PeerId> peers = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        peers.add(PeerId.fromHex(rows.getString(1)));
                    }
                }
                return peers;
            }
        });
    }

    /** {@code recipient} has its answer about {@code peer}, or is never to hear of it: it is off the list. */
    void sent(PeerId recipient, PeerId peer) throws StorageException {
        storage.transact(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM introductions_to_send WHERE recipient = ? AND peer_id = ?")) {
                delete.setString(1, recipient.toHex());
                delete.setString(2, peer.toHex());
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Takes {@code introducer}'s introduction of {@code peer}, which this node does not know ({@code known} says
     * whether it does); one from the same introducer of the same peer replaces the earlier one. One at a time: the same
     * introduction arriving on two streams at once (two connections came up together) must not be inserted twice.
     */
    synchronized Outcome receive(PeerId introducer, PeerId peer, String name, List<PeerAddress> addresses, boolean known) throws StorageException {
        if (known) {
            return Outcome.ALREADY_KNOWN;
        }
        return storage.transact(connection -> {
            if (waitingFrom(connection, introducer, peer) >= MOST_WAITING_PER_INTRODUCER) {
                return Outcome.TOO_MANY;
            }
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO introductions_received t USING (VALUES (CAST(? AS CHAR(64)), CAST(? AS CHAR(64)))) s(introducer, peer_id) "
                            + "ON t.introducer = s.introducer AND t.peer_id = s.peer_id "
                            + "WHEN MATCHED THEN UPDATE SET name = ?, addresses = ?, received_at = ? "
                            + "WHEN NOT MATCHED THEN INSERT (introducer, peer_id, name, addresses, received_at) VALUES (s.introducer, s.peer_id, ?, ?, ?)")) {
                String written = AddressColumn.write(addresses);
                Timestamp now = Timestamp.from(clock.instant());
                merge.setString(1, introducer.toHex());
                merge.setString(2, peer.toHex());
                merge.setString(3, name);
                merge.setString(4, written);
                merge.setTimestamp(5, now);
                merge.setString(6, name);
                merge.setString(7, written);
                merge.setTimestamp(8, now);
                merge.executeUpdate();
            }
            return Outcome.TAKEN;
        });
    }

    /** How many of {@code introducer}'s introductions wait, other than one of {@code peer}. */
    private static int waitingFrom(Connection connection, PeerId introducer, PeerId peer) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM introductions_received WHERE introducer = ? AND peer_id <> ?")) {
            count.setString(1, introducer.toHex());
            count.setString(2, peer.toHex());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The introductions that wait for the user's answer, oldest first. */
    List<Introduction> waiting() throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, introducer, peer_id, name, addresses, received_at FROM introductions_received ORDER BY id")) {
                List<Introduction> waiting = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        waiting.add(read(rows));
                    }
                }
                return waiting;
            }
        });
    }

    /** Removes the introduction {@code id} and any other of the same peer, and returns it; empty when none waits by that number. */
    Optional<Introduction> take(long id) throws StorageException {
        return remove(id, "DELETE FROM introductions_received WHERE peer_id = ?", (delete, taken) -> delete.setString(1, taken.peer().toHex()));
    }

    /** Removes the introduction {@code id} alone, and returns it; empty when none waits by that number. */
    Optional<Introduction> decline(long id) throws StorageException {
        return remove(id, "DELETE FROM introductions_received WHERE id = ?", (delete, declined) -> delete.setLong(1, declined.id()));
    }

    private interface Parameters {
        void set(PreparedStatement statement, Introduction introduction) throws SQLException;
    }

    /** Removes what {@code sql}, given the introduction {@code id}, deletes, if that introduction waits; returns it. */
    private Optional<Introduction> remove(long id, String sql, Parameters parameters) throws StorageException {
        return storage.transact(connection -> {
            Optional<Introduction> found = find(connection, id);
            if (found.isPresent()) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    parameters.set(delete, found.get());
                    delete.executeUpdate();
                }
            }
            return found;
        });
    }

    private static Optional<Introduction> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, introducer, peer_id, name, addresses, received_at FROM introductions_received WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static Introduction read(ResultSet row) throws SQLException {
        return new Introduction(row.getLong("id"), PeerId.fromHex(row.getString("introducer")), PeerId.fromHex(row.getString("peer_id")),
                row.getString("name"), AddressColumn.read(row.getString("addresses")), row.getTimestamp("received_at").toInstant());
    }
}
