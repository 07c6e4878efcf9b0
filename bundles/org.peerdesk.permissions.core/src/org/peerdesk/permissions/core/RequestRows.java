package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequest.Direction;
import org.peerdesk.permissions.AccessRequest.State;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/**
 * The access requests table. {@code delivered} says whether the other side has what it needs: for
 * an outgoing request, the request itself; for a decided incoming one, the decision.
 */
final class RequestRows {

    private RequestRows() {
    }

    static AccessRequest insert(Connection connection, String reference, Direction direction, PeerId peer, GrantTerms asked,
            String note, Optional<String> askerName, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_requests (reference, direction, peer_id, "
                + "resource, rights, quota, expires, note, state, created, asker_name, delivered) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, reference);
            insert.setString(2, direction.name());
            insert.setString(3, peer.toHex());
            insert.setString(4, asked.resource().toString());
            insert.setString(5, Right.format(asked.rights()));
            Sql.setLong(insert, 6, asked.quotaBytes());
            Sql.setInstant(insert, 7, asked.expires());
            insert.setString(8, note);
            insert.setString(9, State.PENDING.name());
            insert.setTimestamp(10, Timestamp.from(now));
            insert.setString(11, askerName.orElse(null));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new AccessRequest(keys.getLong(1), reference, direction, peer, asked, note, State.PENDING, now,
                        Optional.empty(), Optional.empty(), askerName);
            }
        }
    }

    static void decide(Connection connection, long id, State state, Optional<GrantTerms> granted, Instant now, boolean delivered)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE access_requests SET state = ?, decided = ?, "
                + "granted_rights = ?, granted_expires = ?, granted_quota = ?, delivered = ? WHERE id = ?")) {
            update.setString(1, state.name());
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, granted.map(terms -> Right.format(terms.rights())).orElse(null));
            Sql.setInstant(update, 4, granted.flatMap(GrantTerms::expires));
            Sql.setLong(update, 5, granted.map(GrantTerms::quotaBytes).orElse(OptionalLong.empty()));
            update.setBoolean(6, delivered);
            update.setLong(7, id);
            update.executeUpdate();
        }
    }

    static void delivered(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE access_requests SET delivered = TRUE WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    static Optional<AccessRequest> find(Connection connection, long id) throws SQLException {
        return first(connection, "SELECT * FROM access_requests WHERE id = ?", statement -> statement.setLong(1, id));
    }

    static Optional<AccessRequest> find(Connection connection, Direction direction, PeerId peer, String reference)
            throws SQLException {
        return first(connection, "SELECT * FROM access_requests WHERE direction = ? AND peer_id = ? AND reference = ?", statement -> {
            statement.setString(1, direction.name());
            statement.setString(2, peer.toHex());
            statement.setString(3, reference);
        });
    }

    static List<AccessRequest> all(Connection connection) throws SQLException {
        return list(connection, "SELECT * FROM access_requests ORDER BY id DESC", statement -> {
        });
    }

    /** What still has to reach {@code peer}: requests this node made, and decisions on its requests. */
    static List<AccessRequest> undelivered(Connection connection, PeerId peer) throws SQLException {
        return list(connection, "SELECT * FROM access_requests WHERE peer_id = ? AND delivered = FALSE AND "
                + "(direction = 'OUTGOING' OR state <> 'PENDING') ORDER BY id", statement -> statement.setString(1, peer.toHex()));
    }

    static int pendingFrom(Connection connection, PeerId peer) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM access_requests WHERE peer_id = ? "
                + "AND direction = 'INCOMING' AND state = 'PENDING'")) {
            count.setString(1, peer.toHex());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Optional<AccessRequest> first(Connection connection, String sql, Sql.Binder binder) throws SQLException {
        return list(connection, sql, binder).stream().findFirst();
    }

    private static List<AccessRequest> list(Connection connection, String sql, Sql.Binder binder) throws SQLException {
        return Sql.list(connection, sql, binder, RequestRows::read);
    }

    private static AccessRequest read(ResultSet row) throws SQLException {
        try {
            OptionalLong quota = Sql.optionalLong(row, "quota");
            Resource resource = Resource.parse(row.getString("resource"));
            GrantTerms asked = new GrantTerms(resource, Right.parseAll(row.getString("rights")), Sql.instant(row, "expires"), quota);
            String grantedRights = row.getString("granted_rights");
            Optional<GrantTerms> granted = grantedRights == null ? Optional.empty()
                    : Optional.of(new GrantTerms(resource, Right.parseAll(grantedRights), Sql.instant(row, "granted_expires"),
                            Sql.optionalLong(row, "granted_quota")));
            return new AccessRequest(row.getLong("id"), row.getString("reference"), Direction.valueOf(row.getString("direction")),
                    Sql.peer(row.getString("peer_id")), asked, row.getString("note"), State.valueOf(row.getString("state")),
                    row.getTimestamp("created").toInstant(), Sql.instant(row, "decided"), granted,
                    Optional.ofNullable(row.getString("asker_name")));
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new SQLException("Access request " + row.getLong("id") + " in the database is damaged: " + e.getMessage(), e);
        }
    }
}
