package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/** Wrong passwords counted per peer and resource (and per resource for everyone), kept across restarts. */
final class FailureRows {

    /** The scope of the count that all peers share on a resource. */
    private static final String EVERYONE = "everyone";

    private FailureRows() {
    }

    static List<AttemptLimiter.Count> all(Connection connection) throws SQLException {
        List<AttemptLimiter.Count> counts = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM unlock_failures")) {
            while (rows.next()) {
                String scope = rows.getString("scope");
                Optional<PeerId> peer = EVERYONE.equals(scope) ? Optional.empty() : Optional.of(Sql.peer(scope));
                counts.add(new AttemptLimiter.Count(peer, rows.getString("resource"), rows.getInt("failures"),
                        Sql.instant(rows, "next_try").orElse(Instant.MIN)));
            }
        } catch (IllegalArgumentException e) {
            throw new SQLException("A count of wrong passwords in the database is damaged: " + e.getMessage(), e);
        }
        return counts;
    }

    /** Stores each count, or removes it where it has no failures left. */
    static Void keep(Connection connection, List<AttemptLimiter.Count> counts) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO unlock_failures (scope, resource, failures, next_try) KEY (scope, resource) VALUES (?, ?, ?, ?)");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM unlock_failures WHERE scope = ? AND resource = ?")) {
            for (AttemptLimiter.Count count : counts) {
                String scope = count.peer().map(PeerId::toHex).orElse(EVERYONE);
                PreparedStatement statement = count.failures() == 0 ? delete : merge;
                statement.setString(1, scope);
                statement.setString(2, count.resource());
                if (count.failures() > 0) {
                    merge.setInt(3, count.failures());
                    Sql.setInstant(merge, 4, Optional.of(count.next()).filter(next -> !next.equals(Instant.MIN)));
                }
                statement.executeUpdate();
            }
        }
        return null;
    }
}
