package org.peerdesk.testing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/** What a test asks of a database's schema after a migration. */
public final class Schema {

    private Schema() {
    }

    /** Whether the database holds a table of that name (any case). */
    public static boolean hasTable(Storage storage, String name) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = UPPER(?)")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }
}
