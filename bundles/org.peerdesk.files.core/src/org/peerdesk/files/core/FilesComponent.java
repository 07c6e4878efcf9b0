package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.ConflictMerger;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.files.RemoteListing;
import org.peerdesk.files.RemoteMatches;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncFromHere;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.files.TrashedFile;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.files.event.SharesChanged;
import org.peerdesk.files.event.SyncChanged;
import org.peerdesk.files.event.TransferChanged;
import org.peerdesk.files.event.TransferRemoved;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.event.AccessChanged;
import org.peerdesk.permissions.event.GivenChanged;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerStreams;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.TransportTopics;

/**
 * File sharing wired to the node: shares indexed on a pool as large as the machine's cores, kept
 * current by a watcher and a rescan every ten minutes; transfers over the transport; events on
 * EventAdmin. The logic lives in the plain classes it builds.
 */
@Component(service = {ShareService.class, RemoteFiles.class, Transfers.class, SyncService.class, EventHandler.class,
    FilesComponent.class},
        property = {EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED,
                EventConstants.EVENT_TOPIC + "=" + PermissionTopics.ACCESS_CHANGED,
                EventConstants.EVENT_TOPIC + "=" + PermissionTopics.GIVEN_CHANGED})
public final class FilesComponent implements ShareService, RemoteFiles, Transfers, SyncService, EventHandler {

    private static final ProtocolId PROTOCOL = ProtocolId.of(FilesWire.PROTOCOL);
    private static final ProtocolId WRITE_PROTOCOL = ProtocolId.of(WriteWire.PROTOCOL);
    private static final long RESCAN_MINUTES = 10;
    private static final long SYNC_SECONDS = 60;
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService hashing = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            Threads.daemon("peerdesk-hash"));
    private final ScheduledExecutorService scans = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-scan"));
    private final ShareRegistry registry;
    private final ShareWatcher watcher;
    private final FileServer server;
    private final RemoteBrowser browser;
    private final TransferService transfers;
    private final ShareWriter writer;
    private final SyncEngine sync;

    @Activate
    public FilesComponent(@Reference Storage storage, @Reference DataDirectory data, @Reference TransportService transport,
            @Reference PermissionService permissions, @Reference NodeIdentity identity, @Reference PeerDirectory directory,
            @Reference EventAdmin events)
            throws StorageException, IOException, FilesException {
        ShareIndex index = new ShareIndex(storage);
        BlockHasher hasher = new BlockHasher(hashing);
        Clock clock = Clock.systemUTC();
        Connector connector = connector(transport, directory);
        SyncEngine[] syncing = new SyncEngine[1]; // the registry reports changes before the engine exists
        IndexFreshness freshness = new IndexFreshness();
        this.registry = new ShareRegistry(storage, index, new Scanner(index, hasher), data.path(), freshness, clock, name -> {
            events.postEvent(event(FileTopics.SHARES_CHANGED, new SharesChanged(name)));
            if (syncing[0] != null) {
                syncing[0].shareChanged(name);
            }
        });
        SyncRows syncRows = new SyncRows(storage);
        SyncEngine.Listener syncChanged = name -> events.postEvent(event(FileTopics.SYNC_CHANGED, new SyncChanged(name)));
        this.sync = new SyncEngine(registry, syncRows, connector, permissions, identity.peerId(), clock, FileFetch.Settings.DEFAULT, syncChanged);
        syncing[0] = sync;
        this.watcher = new ShareWatcher(freshness, id -> scans.execute(() -> refresh(id)), scans, 1000);
        this.server = new FileServer(registry, permissions, id -> scans.execute(() -> registry.rescanById(id)), syncRows, syncChanged, clock);
        this.writer = new ShareWriter(registry, permissions, clock, new ShareWriter.Listener() {
            @Override
            public void placed(String shareId) {
                watcher.changed(shareId);
            }

            @Override
            public void peerChanged(PeerId peer, String share) {
                sync.peerChanged(peer, share);
            }
        });
        this.browser = new RemoteBrowser(connector);
        this.transfers = new TransferService(new TransferRows(storage), connector, hasher, data.resolve(DataDirectory.DOWNLOADS), clock,
                new TransferService.Listener() {
                    @Override
                    public void changed(Transfer transfer) {
                        events.postEvent(event(FileTopics.TRANSFER_CHANGED, new TransferChanged(transfer)));
                    }

                    @Override
                    public void removed(Transfer transfer) {
                        events.postEvent(event(FileTopics.TRANSFER_REMOVED, new TransferRemoved(transfer)));
                    }
                }, FileFetch.Settings.DEFAULT);
        for (Share share : registry.shares()) {
            watcher.watch(share.id(), share.folder());
        }
        scans.scheduleWithFixedDelay(registry::rescanAll, 0, RESCAN_MINUTES, TimeUnit.MINUTES);
        scans.scheduleWithFixedDelay(sync::roundAll, SYNC_SECONDS, SYNC_SECONDS, TimeUnit.SECONDS);
        transfers.resumeInterrupted();
    }

    /** The watcher's rescan: a scan that began since the change has already seen it. */
    private void refresh(String shareId) {
        try {
            registry.refreshById(shareId);
        } catch (FilesException e) {
            // recorded in the share's state
        }
    }

    private static Event event(String topic, Object data) {
        return new Event(topic, Map.of(Topics.DATA, data));
    }

    private static Connector connector(TransportService transport, PeerDirectory directory) {
        PeerStreams streams = PeerStreams.of(transport, OPEN_TIMEOUT);
        return new Connector() {
            @Override
            public FilesClient open(PeerId peer) throws IOException {
                return new FilesClient(streams.open(peer, PROTOCOL));
            }

            @Override
            public WriteClient openWrite(PeerId peer) throws IOException {
                return new WriteClient(streams.open(peer, WRITE_PROTOCOL));
            }

            @Override
            public List<PeerId> connected() {
                return streams.connectedPeers();
            }

            @Override
            public String nameOf(PeerId peer) {
                return directory.nameOf(peer);
            }
        };
    }

    /** A plugin's merger of conflicting versions, offered for the files it takes from when it comes until it goes. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMerger(ConflictMerger merger) {
        sync.mergers().add(merger);
    }

    void removeMerger(ConflictMerger merger) {
        sync.mergers().remove(merger);
    }

    @Deactivate
    void stop() {
        sync.close();
        transfers.close();
        watcher.close();
        scans.shutdownNow();
        hashing.shutdownNow();
    }

    /** Serves one stream of the files protocol (the handler component hands it over). */
    void serve(Stream stream) throws IOException {
        server.serve(stream);
    }

    /** Serves one stream of the write protocol (uploads and sync notices). */
    void serveWrite(Stream stream) throws IOException {
        writer.serve(stream);
    }

    @Override
    public void handleEvent(Event event) {
        switch (event.getProperty(Topics.DATA)) {
            case PeerConnected connected -> {
                transfers.peerConnected(connected.peer().id());
                sync.roundsWith(connected.peer().id());
            }
            // a sync pair whose last round lacked a grant goes on once either side gives it
            case AccessChanged changed -> changed.peer().ifPresent(sync::roundsWith);
            case GivenChanged given -> {
                transfers.given(given.owner(), given.added());
                sync.roundsWith(given.owner());
            }
            case null, default -> {
                // not a topic this component takes
            }
        }
    }

    // --- ShareService --------------------------------------------------------------------------

    @Override
    public List<Share> shares() throws FilesException {
        return registry.shares();
    }

    @Override
    public Optional<Share> share(String name) throws FilesException {
        return registry.share(name);
    }

    @Override
    public Share add(String name, Path folder) throws FilesException {
        Share share = registry.add(name, folder);
        watcher.watch(share.id(), share.folder());
        scans.execute(() -> registry.rescanById(share.id()));
        return share;
    }

    @Override
    public Share rename(String name, String newName) throws FilesException {
        return registry.rename(name, newName);
    }

    @Override
    public void remove(String name) throws FilesException {
        Optional<Share> share = registry.share(name);
        if (share.isPresent()) {
            sync.forget(share.get().id());
        }
        registry.remove(name);
        share.ifPresent(removed -> watcher.unwatch(removed.id()));
    }

    @Override
    public Share rescan(String name) throws FilesException {
        return registry.rescan(name);
    }

    @Override
    public String ignoreRules(String name) throws FilesException {
        return registry.ignoreRules(name);
    }

    @Override
    public Share setIgnoreRules(String name, String rules) throws FilesException {
        return registry.setIgnoreRules(name, rules);
    }

    @Override
    public List<FileEntry> list(String name, String path, String after, int limit) throws FilesException {
        return registry.list(name, path, after, limit);
    }

    // --- RemoteFiles ---------------------------------------------------------------------------

    @Override
    public List<String> shares(PeerId peer) throws FilesException {
        return browser.shares(peer);
    }

    @Override
    public RemoteListing list(PeerId peer, String folder, String after, int limit) throws FilesException {
        return browser.list(peer, folder, after, limit);
    }

    @Override
    public RemoteMatches find(PeerId peer, String text, int limit) throws FilesException {
        return browser.find(peer, text, limit);
    }

    // --- Transfers -----------------------------------------------------------------------------

    @Override
    public Transfer download(PeerId peer, String remote, Optional<Path> destination) throws FilesException {
        return transfers.download(peer, remote, destination);
    }

    @Override
    public Transfer upload(Path local, PeerId peer, String remoteFolder) throws FilesException {
        return transfers.upload(local, peer, remoteFolder);
    }

    @Override
    public List<Transfer> transfers() throws FilesException {
        return transfers.transfers();
    }

    @Override
    public Optional<Transfer> transfer(long id) throws FilesException {
        return transfers.transfer(id);
    }

    @Override
    public Transfer cancel(long id) throws FilesException {
        return transfers.cancel(id);
    }

    @Override
    public Transfer retry(long id) throws FilesException {
        return transfers.retry(id);
    }

    @Override
    public Transfer remove(long id) throws FilesException {
        return transfers.remove(id);
    }

    @Override
    public int clearFinished() throws FilesException {
        return transfers.clearFinished();
    }

    // --- SyncService ---------------------------------------------------------------------------

    @Override
    public List<SyncPair> pairs() throws FilesException {
        return sync.pairs();
    }

    @Override
    public List<SyncFromHere> syncingFromHere() throws FilesException {
        return sync.syncingFromHere();
    }

    @Override
    public SyncPair sync(String share, PeerId peer, List<String> folders) throws FilesException {
        return sync.sync(share, peer, folders);
    }

    @Override
    public void stop(String share, PeerId peer) throws FilesException {
        sync.stop(share, peer);
    }

    @Override
    public SyncPair pause(String share, PeerId peer) throws FilesException {
        return sync.pause(share, peer);
    }

    @Override
    public SyncPair resume(String share, PeerId peer) throws FilesException {
        return sync.resume(share, peer);
    }

    @Override
    public List<Conflict> conflicts() throws FilesException {
        return sync.conflicts();
    }

    @Override
    public void resolve(long conflictId, Conflict.Choice choice) throws FilesException {
        sync.resolve(conflictId, choice);
    }

    @Override
    public String compare(long conflictId) throws FilesException {
        return sync.compare(conflictId);
    }

    @Override
    public Duration trashKeep() throws FilesException {
        return sync.trashKeep();
    }

    @Override
    public void setTrashKeep(Duration keep) throws FilesException {
        sync.setTrashKeep(keep);
    }

    @Override
    public List<TrashedFile> trash(String share) throws FilesException {
        return sync.trash(share);
    }

    @Override
    public String restoreFromTrash(String share, LocalDate day, String kept) throws FilesException {
        return sync.restoreFromTrash(share, day, kept);
    }
}
