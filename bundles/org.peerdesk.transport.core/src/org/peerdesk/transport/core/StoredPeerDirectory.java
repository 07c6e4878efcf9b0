package org.peerdesk.transport.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.KnownPeersChanged;
import org.peerdesk.transport.event.TransportTopics;

/** The known peers, in the node's database (area {@code peers}). */
@Component(service = PeerDirectory.class)
public final class StoredPeerDirectory implements PeerDirectory {

    static final AreaSchema SCHEMA = AreaSchema.of("peers",
            Migration.sql(1, "known peers",
                    "CREATE TABLE IF NOT EXISTS known_peers (peer_id CHAR(64) PRIMARY KEY, name VARCHAR(256) NOT NULL, "
                            + "host VARCHAR(253), port INT, added_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "last_seen TIMESTAMP WITH TIME ZONE)"),
            Migration.sql(2, "the addresses each peer said reach it from other networks",
                    "ALTER TABLE known_peers ADD COLUMN IF NOT EXISTS public_addresses VARCHAR(4096) DEFAULT '' NOT NULL"));

    private static final String COLUMNS = "peer_id, name, host, port, added_at, last_seen, public_addresses";

    private final Storage storage;
    private final Consumer<PeerId> changes;
    private final Clock clock;

    @Activate
    public StoredPeerDirectory(@Reference Storage storage, @Reference EventAdmin events) throws StorageException {
        this(storage, peer -> events.postEvent(new Event(TransportTopics.KNOWN_PEERS_CHANGED,
                Map.of(Topics.DATA, new KnownPeersChanged(peer), Topics.PEER, peer.toString()))), Clock.systemUTC());
    }

    StoredPeerDirectory(Storage storage, Consumer<PeerId> changes, Clock clock) throws StorageException {
        this.storage = storage;
        this.changes = changes;
        this.clock = clock;
        storage.migrate(SCHEMA);
    }

    @Override
    public List<KnownPeer> peers() throws TransportException {
        return query(connection -> {
            List<KnownPeer> peers = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT " + COLUMNS + " FROM known_peers ORDER BY LOWER(name), peer_id")) {
                while (rows.next()) {
                    peers.add(read(rows));
                }
            }
            return peers;
        });
    }

    @Override
    public Optional<KnownPeer> find(PeerId id) throws TransportException {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM known_peers WHERE peer_id = ?")) {
                select.setString(1, id.toHex());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.<KnownPeer>empty();
                }
            }
        });
    }

    @Override
    public KnownPeer remember(PeerId id, String name, Optional<PeerAddress> address) throws TransportException {
        String cleanName = name == null || name.isBlank() ? id.shortForm() : name.strip();
        KnownPeer remembered = query(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO known_peers t USING (VALUES (CAST(? AS CHAR(64)))) s(peer_id) ON t.peer_id = s.peer_id "
                            + "WHEN MATCHED THEN UPDATE SET name = ?, host = COALESCE(?, t.host), port = COALESCE(?, t.port) "
                            + "WHEN NOT MATCHED THEN INSERT (peer_id, name, host, port, added_at) VALUES (s.peer_id, ?, ?, ?, ?)")) {
                merge.setString(1, id.toHex());
                merge.setString(2, cleanName);
                merge.setString(3, address.map(PeerAddress::host).orElse(null));
                merge.setObject(4, address.map(PeerAddress::port).orElse(null));
                merge.setString(5, cleanName);
                merge.setString(6, address.map(PeerAddress::host).orElse(null));
                merge.setObject(7, address.map(PeerAddress::port).orElse(null));
                merge.setTimestamp(8, Timestamp.from(clock.instant()));
                merge.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM known_peers WHERE peer_id = ?")) {
                select.setString(1, id.toHex());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return read(rows);
                }
            }
        });
        changes.accept(id);
        return remembered;
    }

    @Override
    public void seen(PeerId id, PeerAddress address, Instant when) throws TransportException {
        query(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE known_peers SET host = ?, port = ?, last_seen = ? WHERE peer_id = ?")) {
                update.setString(1, address.host());
                update.setInt(2, address.port());
                update.setTimestamp(3, Timestamp.from(when));
                update.setString(4, id.toHex());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void setPublicAddresses(PeerId id, List<PeerAddress> addresses) throws TransportException {
        int changed = query(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE known_peers SET public_addresses = ? WHERE peer_id = ? AND public_addresses <> ?")) {
                String written = AddressColumn.write(addresses);
                update.setString(1, written);
                update.setString(2, id.toHex());
                update.setString(3, written);
                return update.executeUpdate();
            }
        });
        if (changed > 0) {
            changes.accept(id);
        }
    }

    @Override
    public boolean forget(PeerId id) throws TransportException {
        boolean forgotten = query(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM known_peers WHERE peer_id = ?")) {
                delete.setString(1, id.toHex());
                return delete.executeUpdate() > 0;
            }
        });
        if (forgotten) {
            changes.accept(id);
        }
        return forgotten;
    }

    private static KnownPeer read(ResultSet row) throws SQLException {
        String host = row.getString("host");
        int port = row.getInt("port");
        boolean noPort = row.wasNull();
        Optional<PeerAddress> address = host == null || noPort ? Optional.empty() : Optional.of(new PeerAddress(host, port));
        Timestamp lastSeen = row.getTimestamp("last_seen");
        return new KnownPeer(PeerId.fromHex(row.getString("peer_id")), row.getString("name"), address,
                row.getTimestamp("added_at").toInstant(), Optional.ofNullable(lastSeen).map(Timestamp::toInstant),
                AddressColumn.read(row.getString("public_addresses")));
    }

    private <T> T query(SqlWork<T> work) throws TransportException {
        return TransportTables.transact(storage, "The list of known peers is not available", work);
    }
}
