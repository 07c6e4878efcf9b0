package org.peerdesk.transport.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.TransportTopics;

/** The node's public addresses, in its database (area {@code public_addresses}), in the user's order. */
@Component(service = PublicAddresses.class)
public final class StoredPublicAddresses implements PublicAddresses {

    static final AreaSchema SCHEMA = AreaSchema.of("public_addresses",
            Migration.sql(1, "addresses that reach the node from outside its network",
                    "CREATE TABLE IF NOT EXISTS public_addresses (seq INT PRIMARY KEY, host VARCHAR(253) NOT NULL, port INT NOT NULL)"));

    private final Storage storage;
    private final Consumer<List<PeerAddress>> changed;

    @Activate
    public StoredPublicAddresses(@Reference Storage storage, @Reference EventAdmin events) throws StorageException {
        this(storage, addresses -> events.postEvent(new Event(TransportTopics.PUBLIC_ADDRESSES_CHANGED, Map.of(Topics.DATA, addresses))));
    }

    StoredPublicAddresses(Storage storage, Consumer<List<PeerAddress>> changed) throws StorageException {
        this.storage = storage;
        this.changed = changed;
        storage.migrate(SCHEMA);
    }

    @Override
    public List<PeerAddress> addresses() throws TransportException {
        return query(connection -> {
            List<PeerAddress> addresses = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT host, port FROM public_addresses ORDER BY seq")) {
                while (rows.next()) {
                    addresses.add(new PeerAddress(rows.getString(1), rows.getInt(2)));
                }
            }
            return addresses;
        });
    }

    @Override
    public void setAddresses(List<PeerAddress> addresses) throws TransportException {
        if (addresses.size() > MAX) {
            throw new TransportException("At most " + MAX + " public addresses: an invite has room for no more beside the node's own.");
        }
        if (new HashSet<>(addresses).size() < addresses.size()) {
            throw new TransportException("An address is given twice.");
        }
        query(connection -> {
            connection.createStatement().executeUpdate("DELETE FROM public_addresses");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO public_addresses (seq, host, port) VALUES (?, ?, ?)")) {
                for (int i = 0; i < addresses.size(); i++) {
                    insert.setInt(1, i);
                    insert.setString(2, addresses.get(i).host());
                    insert.setInt(3, addresses.get(i).port());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        changed.accept(List.copyOf(addresses));
    }

    private <T> T query(SqlWork<T> work) throws TransportException {
        return TransportTables.transact(storage, "The public addresses are not available", work);
    }
}
