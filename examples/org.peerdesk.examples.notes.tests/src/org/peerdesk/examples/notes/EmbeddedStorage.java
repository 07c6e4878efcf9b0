package org.peerdesk.examples.notes;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.jdbcx.JdbcDataSource;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/** A node's database for a test without a node: H2 in a folder, each area's migrations applied once. */
final class EmbeddedStorage implements Storage {

    private final JdbcDataSource source = new JdbcDataSource();

    EmbeddedStorage(Path folder) {
        source.setURL("jdbc:h2:" + folder.resolve("db").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    public void migrate(AreaSchema schema) throws StorageException {
        transact(connection -> {
            for (Migration migration : schema.migrations()) {
                migration.step().apply(connection);
            }
            return null;
        });
    }

    @Override
    public <T> T transact(SqlWork<T> work) throws StorageException {
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    @Override
    public int schemaVersion(String area) {
        throw new UnsupportedOperationException("not asked in these tests");
    }
}
