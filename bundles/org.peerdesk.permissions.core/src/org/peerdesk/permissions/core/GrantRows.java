package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/** The grants table. */
final class GrantRows {

    private GrantRows() {
    }

    static List<Grant> all(Connection connection) throws SQLException {
        List<Grant> grants = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM grants ORDER BY id")) {
            while (rows.next()) {
                grants.add(read(rows));
            }
        }
        return grants;
    }

    static Grant insert(Connection connection, PeerId peer, GrantTerms terms, Grant.Origin origin, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO grants (peer_id, resource, rights, quota, "
                + "created, expires, origin) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, peer.toHex());
            insert.setString(2, terms.resource().toString());
            insert.setString(3, Right.format(terms.rights()));
            Sql.setLong(insert, 4, terms.quotaBytes());
            insert.setTimestamp(5, Timestamp.from(now));
            Sql.setInstant(insert, 6, terms.expires());
            insert.setString(7, origin.name());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Grant(keys.getLong(1), peer, terms.resource(), terms.rights(), terms.quotaBytes(), now,
                        terms.expires(), origin);
            }
        }
    }

    static boolean delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM grants WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
        }
    }

    static Optional<Grant> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM grants WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static Grant read(ResultSet row) throws SQLException {
        try {
            return new Grant(row.getLong("id"), Sql.peer(row.getString("peer_id")), Resource.parse(row.getString("resource")),
                    Right.parseAll(row.getString("rights")), Sql.optionalLong(row, "quota"),
                    row.getTimestamp("created").toInstant(), Sql.instant(row, "expires"),
                    Grant.Origin.valueOf(row.getString("origin")));
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new SQLException("Grant " + row.getLong("id") + " in the database is damaged: " + e.getMessage(), e);
        }
    }
}
