package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.backup.Health;
import org.peerdesk.backup.HeldBackup;
import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.backup.KeptNode;
import org.peerdesk.backup.PruneResult;
import org.peerdesk.backup.Recovered;
import org.peerdesk.backup.RestoreResult;
import org.peerdesk.backup.Retention;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.backup.SnapshotDiff;
import org.peerdesk.backup.SnapshotEntry;
import org.peerdesk.backup.Undeleted;
import org.peerdesk.backup.VerifyReport;
import org.peerdesk.backup.event.BackupChanged;
import org.peerdesk.backup.event.BackupTopics;
import org.peerdesk.backup.event.HeldChanged;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.Storage;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.NearbyPeers;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerStreams;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * Backup wired to the node: the plain classes do the work; this component gives them the database,
 * the data directory's {@code backup-store}, the transport, the permissions that decide who may
 * store here and how much, and EventAdmin.
 */
@Component(service = {BackupService.class, BackupComponent.class})
public final class BackupComponent implements BackupService {

    static final String STORE_FOLDER = "backup-store";
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("peerdesk-backup"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-backup-timer"));
    private final Backups backups;
    private final Succession succession;

    @Activate
    public BackupComponent(@Reference Storage storage, @Reference DataDirectory data, @Reference NodeIdentity identity,
            @Reference TransportService transport, @Reference PeerDirectory directory, @Reference NearbyPeers nearby,
            @Reference PermissionService permissions, @Reference EventAdmin events) throws BackupException {
        this.backups = new Backups(storage, data.path().resolve(STORE_FOLDER), identity.peerId(), streams(transport, directory, nearby),
                gate(permissions), directory::nameOf, events(events), Clock.systemUTC(), workers);
        this.succession = new Succession(backups, new NodeKeeping(identity, directory, permissions, Clock.systemUTC()),
                data.path().resolve("taking-over"));
        backups.schedule(timer);
        backups.warmUpIfSealing();
    }

    /** {@code holder} granted this node backup storage: scheduled sets that failed for want of it run now. */
    void storageGranted(PeerId holder) {
        backups.runAfterGrant(holder);
    }

    private static HolderServer.Gate gate(PermissionService permissions) {
        return new HolderServer.Gate() {
            @Override
            public boolean mayStore(PeerId peer) {
                return permissions.allows(peer, Resource.BACKUP, Right.STORE_BACKUP);
            }

            @Override
            public OptionalLong quota(PeerId peer) {
                try {
                    List<Grant> grants = permissions.grants().stream().filter(grant -> grant.peer().equals(peer)
                            && grant.resource().equals(Resource.BACKUP) && grant.rights().contains(Right.STORE_BACKUP)).toList();
                    if (grants.isEmpty() || grants.stream().anyMatch(grant -> grant.quotaBytes().isEmpty())) {
                        return OptionalLong.empty();
                    }
                    return OptionalLong.of(grants.stream().mapToLong(grant -> grant.quotaBytes().getAsLong()).max().orElseThrow());
                } catch (PermissionException e) {
                    return OptionalLong.of(0);
                }
            }

            @Override
            public void refused(PeerId peer, String reason) {
                permissions.reportRefusal(peer, Resource.BACKUP, reason);
            }
        };
    }

    private static Backups.Events events(EventAdmin events) {
        return new Backups.Events() {
            @Override
            public void backupChanged(String set) {
                events.postEvent(new Event(BackupTopics.BACKUP_CHANGED, Map.of(Topics.DATA, new BackupChanged(set))));
            }

            @Override
            public void heldChanged(PeerId owner) {
                events.postEvent(new Event(BackupTopics.HELD_CHANGED, Map.of(Topics.DATA, new HeldChanged(owner))));
            }
        };
    }

    private static Streams streams(TransportService transport, PeerDirectory directory, NearbyPeers nearby) {
        PeerStreams streams = PeerStreams.of(transport, OPEN_TIMEOUT);
        return new Streams() {
            @Override
            public boolean connected(PeerId peer) {
                return streams.connected(peer);
            }

            @Override
            public List<PeerId> connectedPeers() {
                return streams.connectedPeers();
            }

            @Override
            public Stream open(PeerId peer, ProtocolId protocol) throws IOException {
                return streams.open(peer, protocol);
            }

            @Override
            public String addressOf(PeerId peer) {
                try {
                    return directory.find(peer).flatMap(KnownPeer::address).map(PeerAddress::toString).orElse("");
                } catch (TransportException e) {
                    return "";
                }
            }

            @Override
            public List<String> addressesOf(PeerId peer) {
                try {
                    return directory.find(peer).map(known -> java.util.stream.Stream.concat(known.address().stream(),
                            known.publicAddresses().stream()).map(PeerAddress::toString).distinct().toList()).orElse(List.of());
                } catch (TransportException e) {
                    return List.of();
                }
            }

            @Override
            public boolean connect(PeerId peer, String address) {
                try {
                    transport.connect(peer, PeerAddress.parse(address)).toCompletableFuture()
                            .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }

            @Override
            public List<Heard> heardNearby() {
                return nearby.nearby().stream()
                        .map(heard -> new Heard(heard.id(), heard.addresses().stream().map(PeerAddress::toString).toList())).toList();
            }

            @Override
            public void keep(PeerId peer) {
                Optional<ConnectedPeer> connection = transport.directConnection(peer).filter(connected -> !connected.inbound());
                try {
                    if (directory.find(peer).isEmpty() && connection.isPresent()) {
                        directory.remember(peer, connection.get().displayName(), Optional.of(connection.get().address()));
                        directory.seen(peer, connection.get().address(), Instant.now());
                    }
                } catch (TransportException e) {
                    System.getLogger(BackupComponent.class.getName()).log(System.Logger.Level.WARNING,
                            "Could not add holder {0} to the known peers: {1}", peer.shortForm(), e.getMessage());
                }
            }

            @Override
            public void release(PeerId peer) {
                if (directory.knownName(peer).isEmpty()) {
                    transport.disconnect(peer);
                }
            }
        };
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    void serve(Stream stream) throws Exception {
        backups.server.serve(stream);
    }

    @Override
    public List<BackupSet> sets() throws BackupException {
        return backups.sets();
    }

    @Override
    public Optional<BackupSet> set(String name) throws BackupException {
        return backups.set(name);
    }

    @Override
    public BackupSet addSet(String name, List<Path> folders, List<String> sources, List<PeerId> holders, int copies,
            Optional<Duration> every) throws BackupException {
        return backups.addSet(name, folders, sources, holders, copies, every);
    }

    @Override
    public SortedMap<String, String> sources() {
        return backups.sources.labels();
    }

    /** An area's or a plugin's data of its own, which sets may now take: from when its bundle starts until it stops. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(BackupSource source) {
        backups.sources.add(source);
    }

    void removeSource(BackupSource source) {
        backups.sources.remove(source);
    }

    @Override
    public List<HolderAnswer> askHolders(String set) throws BackupException {
        return backups.askHolders(set);
    }

    @Override
    public void removeSet(String name) throws BackupException {
        backups.removeSet(name);
    }

    @Override
    public Snapshot run(String set, BackupProgress progress) throws BackupException {
        return backups.run(set, progress);
    }

    @Override
    public List<Snapshot> snapshots(String set) throws BackupException {
        return backups.snapshots(set);
    }

    @Override
    public List<SnapshotEntry> list(String set, String snapshot, String folder) throws BackupException {
        return backups.list(set, snapshot, folder);
    }

    @Override
    public SnapshotDiff diff(String set, String from, String to) throws BackupException {
        return backups.diff(set, from, to);
    }

    @Override
    public RestoreResult restore(String set, String snapshot, String path, Path target, BackupProgress progress)
            throws BackupException {
        return backups.restore(set, snapshot, path, target, progress);
    }

    @Override
    public PruneResult prune(String set, Retention retention) throws BackupException {
        return backups.prune(set, retention);
    }

    @Override
    public Undeleted undelete(BackupProgress progress) throws BackupException {
        return backups.undelete(progress);
    }

    @Override
    public VerifyReport verify(String set, BackupProgress progress) throws BackupException {
        return backups.verify(set, progress);
    }

    @Override
    public Health health(String set) throws BackupException {
        return backups.health(set);
    }

    @Override
    public String recoveryPhrase() throws BackupException {
        return backups.recoveryPhrase();
    }

    @Override
    public boolean recoveryPhraseNoted() throws BackupException {
        return backups.recoveryPhraseNoted();
    }

    @Override
    public void noteRecoveryPhrase() throws BackupException {
        backups.noteRecoveryPhrase();
    }

    @Override
    public void checkRecoveryPhrase(String phrase) throws BackupException {
        Arrays.fill(RecoveryPhrase.decode(phrase), (byte) 0);
    }

    @Override
    public String recoveryFile() throws BackupException {
        return backups.recoveryFile();
    }

    @Override
    public void recoveryFileKept() throws BackupException {
        backups.recoveryFileKept();
    }

    @Override
    public List<PeerId> holdersMissingFromRecoveryFile() throws BackupException {
        return backups.holdersMissingFromRecoveryFile();
    }

    @Override
    public Recovered recover(String phrase, Optional<String> recoveryFile, BackupProgress progress) throws BackupException {
        return backups.recover(phrase, recoveryFile, progress).withKeptNode(succession.keptNodeIfReadable());
    }

    @Override
    public Optional<KeptNode> keptNode() throws BackupException {
        return succession.keptNode();
    }

    @Override
    public KeptNode takeOver(Optional<char[]> passphrase) throws BackupException {
        return succession.takeOver(passphrase);
    }

    @Override
    public List<HeldBackup> held() throws BackupException {
        return backups.held();
    }

    @Override
    public Duration removalGrace() throws BackupException {
        return backups.removalGrace();
    }

    @Override
    public void setRemovalGrace(Duration grace) throws BackupException {
        backups.setRemovalGrace(grace);
    }

    @Override
    public Duration keepDeleted() throws BackupException {
        return backups.keepDeleted();
    }

    @Override
    public void setKeepDeleted(Duration keep) throws BackupException {
        backups.setKeepDeleted(keep);
    }
}
