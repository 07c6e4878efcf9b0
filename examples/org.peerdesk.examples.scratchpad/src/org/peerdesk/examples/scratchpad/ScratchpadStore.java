package org.peerdesk.examples.scratchpad;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * Keeps the scratchpad's text in the node's database, in a table of the plugin's own. The plugin
 * brings its schema as numbered migrations; the node applies the missing ones when it starts.
 */
@Component(service = ScratchpadStore.class)
public final class ScratchpadStore {

    /** Longest text kept; more is refused rather than cut. */
    public static final int MAX_LENGTH = 100_000;

    static final AreaSchema SCHEMA = AreaSchema.of("scratchpad",
            Migration.sql(1, "the scratchpad text",
                    "CREATE TABLE IF NOT EXISTS scratchpad (id INT PRIMARY KEY, text CLOB NOT NULL)"));

    private final Storage storage;

    @Activate
    public ScratchpadStore(@Reference Storage storage) throws StorageException {
        this.storage = storage;
        storage.migrate(SCHEMA);
    }

    /** The saved text, empty if none was saved. Blocks on the database: call it off the UI thread. */
    public String load() throws StorageException {
        return storage.transact(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT text FROM scratchpad WHERE id = 1")) {
                return rows.next() ? rows.getString(1) : "";
            }
        });
    }

    /** Replaces the saved text. Blocks on the database: call it off the UI thread. */
    public void save(String text) throws StorageException {
        if (text.length() > MAX_LENGTH) {
            throw new StorageException("The scratchpad holds up to " + MAX_LENGTH + " characters; this text has "
                    + text.length() + ".");
        }
        storage.transact(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO scratchpad KEY (id) VALUES (1, ?)")) {
                merge.setString(1, text);
                return merge.executeUpdate();
            }
        });
    }
}
