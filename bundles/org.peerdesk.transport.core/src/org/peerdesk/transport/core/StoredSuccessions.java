package org.peerdesk.transport.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.event.IdentityMoved;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.spi.SuccessionRecord;

/**
 * The newest machine each identity was seen on ({@link SuccessionRecord}), in the node's database (area {@code successions}),
 * read into memory when the node starts so that the network threads ask it without waiting; each identity met on a newer
 * machine than before is told ({@link IdentityMoved}).
 */
@Component(service = SuccessionRecord.class)
public final class StoredSuccessions implements SuccessionRecord {

    private static final Logger LOG = System.getLogger(StoredSuccessions.class.getName());

    static final AreaSchema SCHEMA = AreaSchema.of("successions",
            Migration.sql(1, "the newest machine each identity was seen on",
                    "CREATE TABLE IF NOT EXISTS successions (peer_id CHAR(64) PRIMARY KEY, succession INT NOT NULL)"));

    private final Storage storage;
    private final Consumer<IdentityMoved> moved;
    private final Map<PeerId, Integer> newest = new ConcurrentHashMap<>();

    @Activate
    public StoredSuccessions(@Reference Storage storage, @Reference EventAdmin events) throws StorageException {
        this(storage, identity -> events.postEvent(new Event(TransportTopics.IDENTITY_MOVED,
                Map.of(Topics.DATA, identity, Topics.PEER, identity.peer().toString()))));
    }

    /** One that tells {@code moved} of each identity met on a newer machine than before. */
    StoredSuccessions(Storage storage, Consumer<IdentityMoved> moved) throws StorageException {
        this.storage = storage;
        this.moved = moved;
        storage.migrate(SCHEMA);
        storage.transact(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT peer_id, succession FROM successions")) {
                while (rows.next()) {
                    newest.put(PeerId.fromHex(rows.getString(1)), rows.getInt(2));
                }
            }
            return null;
        });
    }

    @Override
    public int newest(PeerId peer) {
        return newest.getOrDefault(peer, 0);
    }

    @Override
    public void saw(PeerId peer, int succession) {
        if (!advance(peer, succession)) {
            return;
        }
        try {
            storage.transact(connection -> {
                try (PreparedStatement keep = connection.prepareStatement("MERGE INTO successions KEY (peer_id) VALUES (?, ?)")) {
                    keep.setString(1, peer.toHex());
                    keep.setInt(2, succession);
                    keep.executeUpdate();
                }
                return null;
            });
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "Could not keep that {0} runs on machine {1} of its identity; this node knows it until it stops: {2}",
                    peer.shortForm(), succession, e.getMessage());
        }
        moved.accept(new IdentityMoved(peer, succession));
    }

    /** Makes {@code succession} the newest of {@code peer}'s; false where it is not newer than the one known. */
    private boolean advance(PeerId peer, int succession) {
        AtomicBoolean newer = new AtomicBoolean();
        newest.compute(peer, (key, known) -> {
            newer.set(known == null || succession > known);
            return newer.get() ? succession : known;
        });
        return newer.get();
    }
}
