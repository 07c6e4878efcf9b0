package org.peerdesk.transport.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.TransportException;

/**
 * A setting that is on or off, in a table of its own named for its area: one row once the user chose, on until then.
 * {@code column} names what it says in the table; {@code what} describes it in the table's migration.
 */
final class StoredSwitch {

    private final Storage storage;
    private final String table;
    private final String column;

    StoredSwitch(Storage storage, String table, String column, String what) throws StorageException {
        this.storage = storage;
        this.table = table;
        this.column = column;
        storage.migrate(AreaSchema.of(table, Migration.sql(1, what,
                "CREATE TABLE IF NOT EXISTS " + table + " (id INT PRIMARY KEY CHECK (id = 1), " + column + " BOOLEAN NOT NULL)")));
    }

    private String unavailable() {
        return "The " + table.replace('_', ' ') + " setting is not available";
    }

    boolean on() throws TransportException {
        return TransportTables.transact(storage, unavailable(), connection -> {
            try (ResultSet row = connection.createStatement().executeQuery("SELECT " + column + " FROM " + table)) {
                return !row.next() || row.getBoolean(1);
            }
        });
    }

    void set(boolean on) throws TransportException {
        TransportTables.transact(storage, unavailable(), connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO " + table + " (id, " + column + ") KEY (id) VALUES (1, ?)")) {
                merge.setBoolean(1, on);
                return merge.executeUpdate();
            }
        });
    }
}
