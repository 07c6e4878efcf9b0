package org.peerdesk.storage;

import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * One step of an area's schema: version {@code n} takes the area from version {@code n - 1}.
 *
 * <p>H2 commits DDL statements at once, so a node killed in the middle of a step runs it again at
 * the next start: write steps that may run twice ({@code CREATE TABLE IF NOT EXISTS}, ...).
 */
public record Migration(int version, String description, Step step) {

    /** The work of a migration; it runs inside a transaction where the database allows it. */
    @FunctionalInterface
    public interface Step {
        void apply(java.sql.Connection connection) throws java.sql.SQLException;
    }

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1: " + version);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("A migration needs a description");
        }
        Objects.requireNonNull(step, "step");
    }

    /** A migration made of SQL statements run in order. */
    public static Migration sql(int version, String description, String... statements) {
        List<String> sql = List.of(statements);
        return new Migration(version, description, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String each : sql) {
                    statement.execute(each);
                }
            }
        });
    }
}
