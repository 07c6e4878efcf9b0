package org.peerdesk.storage.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.sql.Timestamp;

import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;

/** Applies an area's missing migrations in order and records each in {@code schema_versions}. */
final class MigrationRunner {

    /** The area has a newer version in the database than this Peerdesk knows. */
    static final class SchemaTooNewException extends SQLException {
        private static final long serialVersionUID = 1L;

        SchemaTooNewException(String message) {
            super(message);
        }
    }

    MigrationRunner(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_versions ("
                    + "area VARCHAR(40) NOT NULL, version INT NOT NULL, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (area, version))");
        }
    }

    void migrate(Connection connection, AreaSchema schema) throws SQLException {
        int current = versionOf(connection, schema.area());
        if (current > schema.latestVersion()) {
            throw new SchemaTooNewException("The database holds version " + current + " of the " + schema.area()
                    + " tables, but this Peerdesk knows only up to version " + schema.latestVersion()
                    + ". It was written by a newer Peerdesk: upgrade, or use another data directory.");
        }
        for (Migration migration : schema.migrations().subList(current, schema.latestVersion())) {
            migration.step().apply(connection);
            record(connection, schema.area(), migration);
            connection.commit();
        }
    }

    static int versionOf(Connection connection, String area) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM schema_versions WHERE area = ?")) {
            query.setString(1, area);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void record(Connection connection, String area, Migration migration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_versions (area, version, description, applied_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, area);
            insert.setInt(2, migration.version());
            insert.setString(3, migration.description());
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }
}
