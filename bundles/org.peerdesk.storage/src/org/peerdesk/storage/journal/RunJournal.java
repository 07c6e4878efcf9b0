package org.peerdesk.storage.journal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * Records each run of the node (start, clean stop) and says in the log when the previous run
 * ended without a clean stop, so a crash is visible after the fact.
 */
@Component(immediate = true, service = {})
public final class RunJournal {

    private static final Logger LOG = System.getLogger(RunJournal.class.getName());

    static final AreaSchema SCHEMA = AreaSchema.of("node",
            Migration.sql(1, "runs of the node",
                    "CREATE TABLE IF NOT EXISTS node_runs (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                            + "started_at TIMESTAMP WITH TIME ZONE NOT NULL, stopped_at TIMESTAMP WITH TIME ZONE, "
                            + "pid BIGINT NOT NULL)"));

    private final Storage storage;
    private final Clock clock;
    private final long run;

    @Activate
    public RunJournal(@Reference Storage storage) throws StorageException {
        this(storage, Clock.systemUTC());
    }

    RunJournal(Storage storage, Clock clock) throws StorageException {
        this.storage = storage;
        this.clock = clock;
        storage.migrate(SCHEMA);
        reportUncleanStop();
        this.run = recordStart();
    }

    private void reportUncleanStop() throws StorageException {
        Instant crashed = storage.transact(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT started_at FROM node_runs WHERE stopped_at IS NULL ORDER BY id DESC LIMIT 1")) {
                return rows.next() ? rows.getTimestamp(1).toInstant() : null;
            }
        });
        if (crashed != null) {
            LOG.log(Level.WARNING, "The run started at {0} ended without a clean stop; the database was recovered",
                    crashed);
        }
    }

    private long recordStart() throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO node_runs (started_at, pid) VALUES (?, ?)", new String[] {"ID"})) {
                insert.setTimestamp(1, Timestamp.from(clock.instant()));
                insert.setLong(2, ProcessHandle.current().pid());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Marks this run as stopped cleanly; DS calls it before the database closes. */
    @Deactivate
    public void recordStop() {
        try {
            storage.transact(connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE node_runs SET stopped_at = ? WHERE id = ?")) {
                    update.setTimestamp(1, Timestamp.from(clock.instant()));
                    update.setLong(2, run);
                    return update.executeUpdate();
                }
            });
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "Could not record the clean stop: {0}", e.getMessage());
        }
    }
}
