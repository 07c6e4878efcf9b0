package org.peerdesk.backup.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/**
 * A backup node in one test: its own database and store, joined to others by a {@link TestNet}.
 * Every peer may store here without limit unless a test says otherwise.
 */
final class TestNode implements AutoCloseable {

    final String name;
    final PeerId id;
    final Path home;
    final H2Storage storage;
    final Backups backups;
    final Map<PeerId, Boolean> mayStore = new ConcurrentHashMap<>();
    final Map<PeerId, Long> quota = new ConcurrentHashMap<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    /** Who may store here, and how much: as the node's permissions answer, from {@link #mayStore} and {@link #quota}. */
    final HolderServer.Gate gate;
    private final ExecutorService workers = Executors.newCachedThreadPool();

    TestNode(String name, Path root, TestNet net) throws Exception {
        this(name, root, net, Clock.systemUTC());
    }

    TestNode(String name, Path root, TestNet net, Clock clock) throws Exception {
        this.name = name;
        byte[] id = new byte[PeerId.LENGTH];
        new SecureRandom().nextBytes(id);
        this.id = new PeerId(id);
        this.home = Files.createDirectories(root.resolve(name));
        this.storage = new H2Storage(DataDirectory.open(home));
        this.gate = new HolderServer.Gate() {
            @Override
            public boolean mayStore(PeerId peer) {
                return mayStore.getOrDefault(peer, true);
            }

            @Override
            public OptionalLong quota(PeerId peer) {
                Long bytes = quota.get(peer);
                return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
            }

            @Override
            public void refused(PeerId peer, String reason) {
                refusals.add(reason);
            }
        };
        Backups.Events events = new Backups.Events() {
            @Override
            public void backupChanged(String set) {
            }

            @Override
            public void heldChanged(PeerId owner) {
            }
        };
        this.backups = new Backups(storage, home.resolve("backup-store"), this.id, net.streamsOf(this), gate, this::toString, events,
                clock, workers);
        net.join(this);
    }

    BackupSet backUp(String set, Path folder, int copies, TestNode... holders) throws BackupException {
        return backups.addSet(set, List.of(folder), List.of(), java.util.Arrays.stream(holders).map(holder -> holder.id).toList(), copies,
                Optional.empty());
    }

    Snapshot run(String set) throws BackupException {
        return backups.run(set, BackupProgress.NONE);
    }

    /** Bytes this node holds for others, as its store accounts them. */
    long heldBytes() throws Exception {
        return backups.store.vaults().stream().mapToLong(HolderStore.Vault::bytes).sum();
    }

    Path store() {
        return home.resolve("backup-store");
    }

    @Override
    public String toString() {
        return name;
    }

    private String toString(PeerId peer) {
        return peer.shortForm();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        storage.close();
    }
}
