package org.peerdesk.transport.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.Relaying;
import org.peerdesk.transport.TransportException;

/** Whether the node relays for its peers, in its database (area {@code relaying}): one row once the user chose, on until then. */
@Component(service = Relaying.class)
public final class StoredRelaying implements Relaying {

    static final AreaSchema SCHEMA = AreaSchema.of("relaying",
            Migration.sql(1, "whether the node relays connections between its peers",
                    "CREATE TABLE IF NOT EXISTS relaying (id INT PRIMARY KEY CHECK (id = 1), relays BOOLEAN NOT NULL)"));

    private final Storage storage;

    @Activate
    public StoredRelaying(@Reference Storage storage) throws StorageException {
        this.storage = storage;
        storage.migrate(SCHEMA);
    }

    @Override
    public boolean relaysForPeers() throws TransportException {
        return query(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery("SELECT relays FROM relaying")) {
                return !row.next() || row.getBoolean(1);
            }
        });
    }

    @Override
    public void setRelaysForPeers(boolean relays) throws TransportException {
        query(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO relaying (id, relays) KEY (id) VALUES (1, ?)")) {
                merge.setBoolean(1, relays);
                return merge.executeUpdate();
            }
        });
    }

    private <T> T query(SqlWork<T> work) throws TransportException {
        return TransportTables.transact(storage, "The relaying setting is not available", work);
    }
}
