package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/** The {@code given} table: what each peer last told this node it grants it. */
final class GivenRows {

    private GivenRows() {
    }

    static List<Given> all(Connection connection) throws SQLException {
        return Sql.list(connection, "SELECT * FROM given ORDER BY owner_id, resource", statement -> {
        }, GivenRows::read);
    }

    static List<Given> of(Connection connection, PeerId owner) throws SQLException {
        return Sql.list(connection, "SELECT * FROM given WHERE owner_id = ? ORDER BY resource", statement -> statement.setString(1, owner.toHex()),
                GivenRows::read);
    }

    /** Replaces what {@code owner} told before with {@code given}, all of which it must have told. */
    static void replace(Connection connection, PeerId owner, List<Given> given) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM given WHERE owner_id = ?")) {
            delete.setString(1, owner.toHex());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO given (owner_id, resource, rights, quota, expires, since) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Given each : given) {
                GrantTerms terms = each.terms();
                insert.setString(1, owner.toHex());
                insert.setString(2, terms.resource().toString());
                insert.setString(3, Right.format(terms.rights()));
                Sql.setLong(insert, 4, terms.quotaBytes());
                Sql.setInstant(insert, 5, terms.expires());
                insert.setTimestamp(6, Timestamp.from(each.since()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Given read(ResultSet row) throws SQLException {
        try {
            GrantTerms terms = new GrantTerms(Resource.parse(row.getString("resource")), Right.parseAll(row.getString("rights")),
                    Sql.instant(row, "expires"), Sql.optionalLong(row, "quota"));
            return new Given(Sql.peer(row.getString("owner_id")), terms, row.getTimestamp("since").toInstant());
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new SQLException("A grant told by a peer is damaged in the database: " + e.getMessage(), e);
        }
    }
}
