package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PasswordGrant;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/** Passwords set on resources, kept as their J-PAKE secrets (a slow hash), never as typed. */
final class PasswordRows {

    /** A password's terms and the secret both sides derive from it. */
    record Stored(PasswordGrant grant, String secret) {
    }

    private PasswordRows() {
    }

    static void put(Connection connection, GrantTerms terms, String secret, Instant now) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO unlock_passwords (resource, rights, quota, "
                + "verifier, set_at) KEY (resource) VALUES (?, ?, ?, ?, ?)")) {
            merge.setString(1, terms.resource().toString());
            merge.setString(2, Right.format(terms.rights()));
            Sql.setLong(merge, 3, terms.quotaBytes());
            merge.setString(4, secret);
            merge.setTimestamp(5, Timestamp.from(now));
            merge.executeUpdate();
        }
    }

    static boolean remove(Connection connection, Resource resource) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM unlock_passwords WHERE resource = ?")) {
            delete.setString(1, resource.toString());
            return delete.executeUpdate() > 0;
        }
    }

    static Optional<Stored> find(Connection connection, Resource resource) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM unlock_passwords WHERE resource = ?")) {
            select.setString(1, resource.toString());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    static List<PasswordGrant> all(Connection connection) throws SQLException {
        return stored(connection).stream().map(Stored::grant).toList();
    }

    /** Every password with its secret, by resource. */
    static List<Stored> stored(Connection connection) throws SQLException {
        List<Stored> passwords = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM unlock_passwords ORDER BY resource")) {
            while (rows.next()) {
                passwords.add(read(rows));
            }
        }
        return passwords;
    }

    private static Stored read(ResultSet row) throws SQLException {
        try {
            GrantTerms terms = new GrantTerms(Resource.parse(row.getString("resource")), Right.parseAll(row.getString("rights")),
                    Optional.empty(), Sql.optionalLong(row, "quota"));
            return new Stored(new PasswordGrant(terms, row.getTimestamp("set_at").toInstant()), row.getString("verifier"));
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new SQLException("A password entry in the database is damaged: " + e.getMessage(), e);
        }
    }
}
