package org.peerdesk.permissions.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.StorageException;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.testing.SettableClock;

/** A node's permissions on a real H2 database in a temporary data directory, with a clock the test moves. */
final class PermissionsFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

    final SettableClock clock;
    final PeerId self;
    final Set<PeerId> known = ConcurrentHashMap.newKeySet();
    final List<Optional<PeerId>> changes = new CopyOnWriteArrayList<>();
    final List<AuditEntry> audited = new CopyOnWriteArrayList<>();
    final Path home;
    private DataDirectory directory;
    H2Storage storage;
    Permissions permissions;

    PermissionsFixture(Path home, int id, SettableClock clock) throws Exception {
        this.home = home;
        this.clock = clock;
        this.self = peer(id);
        open();
    }

    static PeerId peer(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        bytes[31] = (byte) (n * 7);
        return new PeerId(bytes);
    }

    /** Stops and starts the node's permissions on the same database, as a restart does. */
    void restart() throws Exception {
        close();
        open();
    }

    private void open() throws Exception {
        directory = DataDirectory.open(home);
        storage = new H2Storage(directory);
        permissions = new Permissions(storage, clock, self, new Permissions.Surroundings() {
            @Override
            public boolean known(PeerId peer) {
                return known.contains(peer);
            }

            @Override
            public void forget(PeerId peer) {
                known.remove(peer);
            }

            @Override
            public void accessChanged(Optional<PeerId> peer) {
                changes.add(peer);
            }

            @Override
            public void audited(AuditEntry entry) {
                audited.add(entry);
            }
        });
    }

    void sql(String statement) throws StorageException {
        storage.transact(connection -> connection.createStatement().executeUpdate(statement));
    }

    @Override
    public void close() throws Exception {
        storage.close();
        directory.close();
    }
}
