package org.peerdesk.storage.h2;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * {@link Storage} in an embedded H2 database under {@code <data directory>/db}.
 *
 * <p>{@code WRITE_DELAY=0} makes H2 write each commit to the file before the commit returns, so a
 * process killed at any moment keeps every transaction that was reported committed; H2's
 * copy-on-write store keeps the file consistent. {@code QUERY_CACHE_SIZE} lets each kept connection
 * remember the statements it prepared: with H2's default of eight, the areas' few dozen statements
 * pushed each other out and were parsed again at nearly every use (a seventh of what sending a
 * message allocated).
 */
@Component(service = Storage.class)
public final class H2Storage implements Storage, AutoCloseable {

    private static final Logger LOG = System.getLogger(H2Storage.class.getName());
    private static final int MAX_CONNECTIONS = 16;

    /** How long a transaction waits for a connection while all are busy. */
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(30);

    private static final String DAMAGE_ADVICE = ". Nothing was changed; if the files are damaged, move the db folder aside"
            + " and restore it from a backup.";

    private final Connections pool;
    private final MigrationRunner migrations;
    /**
     * H2 takes an exclusive lock on its catalog for a change of schema and waits a second for one another holds (its
     * maintainers advise against schema changes in parallel), so the areas that migrate as the node starts take turns.
     */
    private final Object migrating = new Object();

    @Activate
    public H2Storage(@Reference DataDirectory directory) throws StorageException {
        Path folder = directory.resolve("db");
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new StorageException("Cannot create the database folder " + folder + ": " + e.getMessage(), e);
        }
        Optional<String> damage = DatabaseFileCheck.damage(folder.resolve("peerdesk.mv.db"));
        if (damage.isPresent()) {
            throw new StorageException("The database in " + folder + " cannot be opened: " + damage.get() + DAMAGE_ADVICE);
        }
        String url = "jdbc:h2:file:" + folder.resolve("peerdesk") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256";
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser("peerdesk");
        source.setPassword("");
        this.pool = new Connections(source::getConnection, MAX_CONNECTIONS, CONNECTION_WAIT);
        try {
            Connection probe = pool.take();
            try {
                this.migrations = new MigrationRunner(probe);
                probe.commit();
            } finally {
                pool.give(probe, true);
            }
        } catch (SQLException e) {
            pool.close();
            throw new StorageException("The database in " + folder + " cannot be opened: " + e.getMessage()
                    + DAMAGE_ADVICE, e);
        }
        LOG.log(Level.INFO, "Database open in {0}", folder);
    }

    @Override
    public void migrate(AreaSchema schema) throws StorageException {
        synchronized (migrating) {
            transactInternal(connection -> {
                migrations.migrate(connection, schema);
                return null;
            }, "migrate the " + schema.area() + " tables");
        }
    }

    @Override
    public <T> T transact(SqlWork<T> work) throws StorageException {
        return transactInternal(work, "complete a database transaction");
    }

    @Override
    public int schemaVersion(String area) throws StorageException {
        return transactInternal(connection -> MigrationRunner.versionOf(connection, area),
                "read the schema version of " + area);
    }

    private <T> T transactInternal(SqlWork<T> work, String what) throws StorageException {
        try {
            Connection connection = pool.take();
            boolean reusable = false;
            try {
                T result = work.run(connection);
                connection.commit();
                reusable = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback(); // if this fails too, the connection is not given out again
                reusable = true;
                throw e;
            } finally {
                pool.give(connection, reusable);
            }
        } catch (MigrationRunner.SchemaTooNewException e) {
            throw new StorageException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new StorageException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** Closes every connection; H2 then writes and closes the database file. */
    @Deactivate
    @Override
    public void close() {
        pool.close();
        LOG.log(Level.INFO, "Database closed");
    }
}
