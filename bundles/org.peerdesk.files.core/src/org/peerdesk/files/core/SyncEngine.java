package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.SyncFromHere;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.TrashedFile;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.StreamRefusedException;

/**
 * Two-way sync, one round at a time per node: a round of a pair brings the local index up to date,
 * reads what the peer's index changed since the pair's last clean round (all of it in a full round:
 * see {@link RoundView}), and settles each path with {@link SyncPlan} against the version both last
 * agreed on. A pair's first round in this process, and one every {@value #FULL_MINUTES} minutes, is full.
 * Changes come in only from a peer that holds write on the share here; whatever they replace or
 * delete goes to the share's trash; a path changed on disk since the scan is left for the next round.
 * Rounds run when a pair starts, when the peer says its share changed, when it connects, and every
 * minute; after this node's share changes, its sync peers are told. A round that hears of the peer's
 * further changes while its lanes work takes them up in its stride (see {@link Round#settleAll}).
 */
final class SyncEngine implements SyncService, AutoCloseable {

    /** Told when a share's pairs or conflicts changed, by the share's name. */
    @FunctionalInterface
    interface Listener {
        void changed(String share);
    }

    private record Key(String shareId, PeerId peer) {
    }

    private static final System.Logger LOG = System.getLogger(SyncEngine.class.getName());
    private static final long CLOSE_SECONDS = 10;
    private static final int LANES = 16;
    private static final long FULL_MINUTES = 10;
    /** How often a round looks whether the peer told of further changes while its lanes work. */
    private static final long NOTICE_POLL_MILLIS = 10;
    /** How often a long round tells its listener how far it is. */
    private static final long PROGRESS_MILLIS = 1000;

    private final ShareRegistry registry;
    private final SyncRows rows;
    private final Connector connector;
    private final PermissionService permissions;
    private final PeerId self;
    private final Clock clock;
    private final FileFetch.Settings settings;
    private final Listener listener;
    private final ExecutorService rounds = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-sync"));
    private final ExecutorService notices = Executors.newSingleThreadExecutor(Threads.daemon("peerdesk-sync-notify"));
    private final Set<Key> pending = ConcurrentHashMap.newKeySet();
    /** How many times each pair's peer said its share changed, so that a running round can tell news. */
    private final Map<Key, AtomicLong> peerNotices = new ConcurrentHashMap<>();
    private final Set<String> pendingNotices = ConcurrentHashMap.newKeySet();
    private final Map<Key, SyncPair.State> states = new ConcurrentHashMap<>();
    private final Map<Key, Round> running = new ConcurrentHashMap<>();
    /** When each pair last had a full round in this process. */
    private final Map<Key, Instant> lastFull = new ConcurrentHashMap<>();
    /**
     * The fingerprint of the share's ignore rules in each pair's last clean round. Rules that changed since make the
     * next round full: a path they let in again was passed over while it was left out, and the peer's changes to it
     * since lie before the watermark.
     */
    private final Map<Key, String> rulesSettled = new ConcurrentHashMap<>();
    private final ConflictMergers mergers = new ConflictMergers();
    private final ConflictResolver conflicts;

    SyncEngine(ShareRegistry registry, SyncRows rows, Connector connector, PermissionService permissions, PeerId self, Clock clock,
            FileFetch.Settings settings, Listener listener) {
        this.registry = registry;
        this.rows = rows;
        this.connector = connector;
        this.permissions = permissions;
        this.self = self;
        this.clock = clock;
        this.settings = settings;
        this.listener = listener;
        this.conflicts = new ConflictResolver(registry, rows, clock, mergers, listener::changed);
    }

    // --- SyncService ---------------------------------------------------------------------------

    @Override
    public List<SyncPair> pairs() throws FilesException {
        Map<String, String> names = shareNames();
        List<PeerId> connected = connector.connected();
        return rows.pairs().stream().filter(pair -> names.containsKey(pair.shareId()))
                .map(pair -> {
                    Key key = new Key(pair.shareId(), pair.peer());
                    SyncPair.State state = pair.paused() ? SyncPair.State.PAUSED
                            : !connected.contains(pair.peer()) && !running.containsKey(key) ? SyncPair.State.WAITING // gone since its round
                            : states.getOrDefault(key, SyncPair.State.IDLE);
                    return new SyncPair(names.get(pair.shareId()), pair.peer(), pair.folders(), state,
                            Optional.ofNullable(running.get(key)).map(Round::progress), pair.lastSync(), pair.filesIn(), pair.filesRemoved(),
                            pair.problem(), pair.peerRead());
                })
                .toList();
    }

    /** The shares' names, by their IDs. */
    private Map<String, String> shareNames() throws FilesException {
        Map<String, String> names = new HashMap<>();
        for (ShareRegistry.ShareRoot root : registry.roots()) {
            names.put(root.id(), root.name());
        }
        return names;
    }

    @Override
    public List<SyncFromHere> syncingFromHere() throws FilesException {
        Map<String, String> names = shareNames();
        Set<Key> paired = rows.pairs().stream().map(pair -> new Key(pair.shareId(), pair.peer())).collect(Collectors.toSet());
        return rows.peerReadsSince(clock.instant().minus(SyncPair.PEER_READS_WITHIN)).stream()
                .filter(read -> names.containsKey(read.shareId()) && !paired.contains(new Key(read.shareId(), read.peer())))
                .map(read -> new SyncFromHere(names.get(read.shareId()), read.peer(), read.when()))
                .sorted(Comparator.comparing(SyncFromHere::share).thenComparing(read -> read.peer().toString())).toList();
    }

    @Override
    public SyncPair sync(String share, PeerId peer, List<String> folders) throws FilesException {
        if (peer.equals(self)) {
            throw new FilesException("A share cannot sync with its own node.");
        }
        ShareRegistry.ShareRoot root = root(share);
        List<String> checked;
        try {
            checked = SyncFolders.checked(folders);
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        }
        rows.add(root.id(), peer, root.name(), checked);
        request(new Key(root.id(), peer));
        listener.changed(root.name());
        SyncPair pair = pair(root, peer);
        return pair.problem().isPresent() ? pair : noWrite(root, peer).map(pair::withProblem).orElse(pair);
    }

    /** Why the peer's changes do not come in, where this node does not grant it write on the share. */
    private Optional<String> noWrite(ShareRegistry.ShareRoot root, PeerId peer) throws FilesException {
        return permissions.allows(peer, shareResource(root), Right.WRITE) ? Optional.empty()
                : Optional.of(connector.nameOf(peer) + " has no write on '" + root.name() + "' here, so its changes do not come in."
                        + " Grant it: peerdesk grant " + peer.shortForm() + " " + root.name() + " read,write");
    }

    @Override
    public void stop(String share, PeerId peer) throws FilesException {
        ShareRegistry.ShareRoot root = root(share);
        rows.remove(root.id(), peer);
        states.remove(new Key(root.id(), peer));
        listener.changed(root.name());
    }

    @Override
    public SyncPair pause(String share, PeerId peer) throws FilesException {
        return setPaused(share, peer, true);
    }

    @Override
    public SyncPair resume(String share, PeerId peer) throws FilesException {
        SyncPair resumed = setPaused(share, peer, false);
        request(new Key(root(share).id(), peer));
        shareChanged(share); // the peer's rounds, refused while paused, take up what changed here meanwhile
        return resumed;
    }

    private SyncPair setPaused(String share, PeerId peer, boolean paused) throws FilesException {
        ShareRegistry.ShareRoot root = root(share);
        if (!rows.setPaused(root.id(), peer, paused)) {
            throw new FilesException("'" + root.name() + "' is not synced with " + connector.nameOf(peer) + ".");
        }
        listener.changed(root.name());
        return pair(root, peer);
    }

    private SyncPair pair(ShareRegistry.ShareRoot root, PeerId peer) throws FilesException {
        return pairs().stream().filter(pair -> pair.share().equals(root.name()) && pair.peer().equals(peer)).findFirst().orElseThrow();
    }

    @Override
    public List<Conflict> conflicts() throws FilesException {
        return conflicts.conflicts();
    }

    @Override
    public void resolve(long conflictId, Conflict.Choice choice) throws FilesException {
        conflicts.resolve(conflictId, choice);
    }

    @Override
    public String compare(long conflictId) throws FilesException {
        return conflicts.compare(conflictId);
    }

    /** The mergers conflicts may be merged by: a plugin's are added here as they come. */
    ConflictMergers mergers() {
        return mergers;
    }

    private ShareRegistry.ShareRoot root(String share) throws FilesException {
        return registry.root(share).orElseThrow(() -> new FilesException("There is no share called '" + share + "'."));
    }

    @Override
    public Duration trashKeep() throws FilesException {
        return rows.trashKeepSeconds().stream().mapToObj(Duration::ofSeconds).findFirst().orElse(DEFAULT_TRASH_KEEP);
    }

    @Override
    public void setTrashKeep(Duration keep) throws FilesException {
        if (keep.isNegative()) {
            throw new FilesException("The trash keeps files for zero days or more.");
        }
        rows.saveTrashKeepSeconds(keep.toSeconds());
    }

    @Override
    public List<TrashedFile> trash(String share) throws FilesException {
        ShareRegistry.ShareRoot root = root(share);
        try {
            return new Trash(root.folder(), clock).list(TRASH_LISTED).stream()
                    .map(kept -> new TrashedFile(root.name(), kept.day(), kept.kept(), kept.path(), kept.size(), kept.modified())).toList();
        } catch (IOException e) {
            throw new FilesException("The trash of '" + share + "' cannot be read: " + IoMessages.of(e), e);
        }
    }

    @Override
    public String restoreFromTrash(String share, LocalDate day, String kept) throws FilesException {
        ShareRegistry.ShareRoot root = root(share);
        String path;
        try {
            path = new Trash(root.folder(), clock).restore(day, kept, root.folder());
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        } catch (IOException e) {
            throw new FilesException("Could not put '" + SharePaths.printable(kept) + "' back: " + IoMessages.of(e), e);
        }
        registry.rescanById(root.id());
        listener.changed(root.name());
        return path;
    }

    /** The share stops being shared: its pairs, bases and conflicts go too. */
    void forget(String shareId) throws FilesException {
        rows.remove(shareId, null);
    }

    // --- what starts rounds --------------------------------------------------------------------

    /** This node's share changed: its sync peers are told (one notice at a time per share). */
    void shareChanged(String shareName) {
        if (!pendingNotices.add(shareName)) {
            return;
        }
        notices.execute(() -> {
            pendingNotices.remove(shareName);
            try {
                Optional<ShareRegistry.ShareRoot> changed = registry.root(shareName);
                List<PeerId> connected = connector.connected();
                for (SyncRows.Pair pair : rows.pairs()) {
                    if (changed.isPresent() && changed.get().id().equals(pair.shareId()) && connected.contains(pair.peer())) {
                        try (WriteClient client = connector.openWrite(pair.peer())) {
                            client.notifyChanged(pair.remoteShare());
                        } catch (IOException e) {
                            // the peer finds the change in its next periodic round
                        }
                    }
                }
            } catch (FilesException e) {
                // the node is stopping
            }
        });
    }

    /** The peer says its share {@code remoteShare} changed. */
    void peerChanged(PeerId peer, String remoteShare) {
        requestWhere(pair -> {
            boolean changed = pair.peer().equals(peer) && pair.remoteShare().equals(remoteShare);
            if (changed) {
                peerNotices(new Key(pair.shareId(), pair.peer())).incrementAndGet();
            }
            return changed;
        });
    }

    private AtomicLong peerNotices(Key key) {
        return peerNotices.computeIfAbsent(key, unused -> new AtomicLong());
    }

    /** A round for every pair with {@code peer}: it connected, or what either side grants the other changed. */
    void roundsWith(PeerId peer) {
        requestWhere(pair -> pair.peer().equals(peer));
    }

    /** A round for every pair whose peer is connected, and the trash of their shares swept. */
    void roundAll() {
        List<PeerId> connected = connector.connected();
        requestWhere(pair -> connected.contains(pair.peer()));
        sweepTrash();
    }

    private void sweepTrash() {
        try {
            Duration keep = trashKeep();
            for (ShareRegistry.ShareRoot root : registry.roots()) {
                new Trash(root.folder(), clock).sweep(keep);
            }
        } catch (FilesException | IOException e) {
            // tried again at the next sweep
        }
    }

    private void requestWhere(java.util.function.Predicate<SyncRows.Pair> which) {
        try {
            for (SyncRows.Pair pair : rows.pairs()) {
                if (which.test(pair)) {
                    request(new Key(pair.shareId(), pair.peer()));
                }
            }
        } catch (FilesException e) {
            // the node is stopping
        }
    }

    /** Queues a round unless one is already waiting (a round that runs now may have missed the change, so it can queue). */
    private void request(Key key) {
        if (pending.add(key)) {
            rounds.execute(() -> {
                pending.remove(key);
                round(key);
            });
        }
    }

    /** Returns once every round queued so far has run (rounds run one after another). */
    void awaitRounds() throws InterruptedException {
        try {
            rounds.submit(() -> { }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- a round -------------------------------------------------------------------------------

    /** The peer is not connected: the pair waits for it. */
    private static final class PeerAway extends Exception {
        private static final long serialVersionUID = 1L;

        PeerAway(String message) {
            super(message);
        }
    }

    private record Tally(int in, int removed, Optional<String> problem) {
    }

    private void round(Key key) {
        try {
            Optional<SyncRows.Pair> stored = rows.pairs().stream()
                    .filter(pair -> pair.shareId().equals(key.shareId()) && pair.peer().equals(key.peer())).findFirst();
            Optional<ShareRegistry.ShareRoot> root = registry.rootById(key.shareId());
            if (stored.isEmpty() || root.isEmpty() || stored.get().paused()) {
                return;
            }
            SyncRows.Pair pair = stored.get();
            states.put(key, SyncPair.State.SYNCING);
            listener.changed(root.get().name());
            SyncRows.Pair ended;
            try {
                Tally tally = settle(root.get(), pair);
                ended = pair.ended(Optional.of(clock.instant()), pair.filesIn() + tally.in(), pair.filesRemoved() + tally.removed(),
                        tally.problem());
                states.put(key, SyncPair.State.IDLE);
            } catch (PeerAway e) {
                ended = withProblem(pair, "Waiting for " + connector.nameOf(pair.peer()) + ": " + e.getMessage());
                states.put(key, SyncPair.State.WAITING);
            } catch (FilesException e) {
                ended = withProblem(pair, e.getMessage());
                states.put(key, SyncPair.State.IDLE);
            } catch (RuntimeException e) {
                // A fault of this node's own, not the peer's or the files': the pair says so rather than looking settled.
                LOG.log(System.Logger.Level.ERROR, "Sync of '" + root.get().name() + "' with " + key.peer().shortForm() + " failed", e);
                ended = withProblem(pair, "Stopped by an error of Peerdesk's own (" + e + "); the node's log has the details."
                        + " The next round tries again.");
                states.put(key, SyncPair.State.IDLE);
            }
            if (rows.pairs().stream().anyMatch(p -> p.shareId().equals(key.shareId()) && p.peer().equals(key.peer()))) {
                rows.roundEnded(ended);
            }
            listener.changed(root.get().name());
        } catch (FilesException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "A sync round of share " + key.shareId() + " with " + key.peer().shortForm()
                    + " could not record how it ended", e);
            states.put(key, SyncPair.State.IDLE);
        }
    }

    private static SyncRows.Pair withProblem(SyncRows.Pair pair, String problem) {
        return pair.ended(pair.lastSync(), pair.filesIn(), pair.filesRemoved(), Optional.of(problem));
    }

    private Tally settle(ShareRegistry.ShareRoot root, SyncRows.Pair pair) throws FilesException, PeerAway {
        registry.refreshById(root.id());
        PeerId peer = pair.peer();
        Optional<String> noWrite = noWrite(root, peer);
        if (noWrite.isPresent()) {
            throw new FilesException(noWrite.get());
        }
        FilesClient client;
        try {
            client = connector.open(peer);
        } catch (IOException e) {
            if (StreamRefusedException.forLackOfAccess(e)) {
                throw new FilesException(connector.nameOf(peer) + " gives you no read on '" + root.name() + "', so nothing comes in from it."
                        + " Ask it: peerdesk request " + peer.shortForm() + " " + root.name() + " read,write");
            }
            throw new PeerAway(e.getMessage());
        }
        try (client) {
            Key key = new Key(root.id(), peer);
            Instant fullBefore = clock.instant().minus(Duration.ofMinutes(FULL_MINUTES));
            IgnoreRules rules = IgnoreRules.in(root.folder());
            boolean fullDue = lastFull.getOrDefault(key, Instant.MIN).isBefore(fullBefore)
                    || !rules.fingerprint().equals(rulesSettled.get(key));
            long noticesBefore = peerNotices(key).get();
            RoundView view = RoundView.read(root, pair, fullDue ? Optional.empty() : rows.watermark(root.id(), peer), client,
                    paths -> peerBases(pair, paths), registry.index(), rows);
            Round round = new Round(root, pair, view.reached(), rules);
            running.put(key, round);
            try {
                round.settleAll(view, client, peerNotices(key), noticesBefore);
            } finally {
                running.remove(key);
                rows.saveBases(root.id(), peer, round.newBases);
            }
            if (round.settledEverything()) {
                rows.saveWatermark(root.id(), peer, round.reached);
                rulesSettled.put(key, rules.fingerprint());
                if (view.full()) {
                    lastFull.put(key, clock.instant());
                }
            }
            if (round.in.get() + round.removed.get() > 0) {
                registry.refreshById(root.id());
            }
            String problem = round.problem();
            if (problem != null && !connector.connected().contains(peer)) {
                throw new PeerAway(problem);
            }
            return new Tally(round.in.get(), round.removed.get(), Optional.ofNullable(problem));
        } catch (FilesWire.RemoteError e) {
            if (FilesWire.SYNC_PAUSED.equals(e.getMessage())) {
                throw new PeerAway(connector.nameOf(peer) + " paused this sync; it goes on when they resume it.");
            }
            throw new FilesException(connector.nameOf(peer) + " says: " + e.getMessage(), e);
        } catch (IOException | InvalidInputException e) {
            if (!connector.connected().contains(peer)) {
                throw new PeerAway(e.getMessage());
            }
            throw new FilesException("Sync of '" + root.name() + "' with " + peer.shortForm() + " stopped: " + e.getMessage(), e);
        }
    }

    /**
     * The peer's bases with this node, asked on a stream of their own: a peer of an older version does
     * not know the question, and answers it by ending the stream it came on. Then there are none.
     */
    private Map<String, byte[]> peerBases(SyncRows.Pair pair, Collection<String> paths) throws IOException, InvalidInputException {
        try (FilesClient asking = connector.open(pair.peer())) {
            return asking.bases(pair.remoteShare(), paths);
        } catch (FilesWire.RemoteError e) {
            return Map.of();
        }
    }

    private static Resource shareResource(ShareRegistry.ShareRoot root) throws FilesException {
        try {
            return Resource.parse(root.name());
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        }
    }

    /**
     * One round of one pair: what it settled, the bases to write, and the first problem with a single
     * path. Paths are settled on {@value #LANES} streams at once, since small files are bound by their
     * fsyncs, which the disk takes together; each stream asks for several small files at a time, so
     * that their answers come back to back rather than a round trip apart.
     */
    private final class Round {
        final ShareRegistry.ShareRoot root;
        final SyncRows.Pair pair;
        final PeerId peer;
        final String remoteShare;
        final Map<String, byte[]> newBases = Collections.synchronizedMap(new HashMap<>());
        final Trash trash;
        /**
         * This share's ignore rules: a path they leave out is not synced either way (never fetched into an
         * ignored folder, never moved to the trash for the peer's sake), and keeps its base. So is a path
         * outside the pair's folders, when it has some, and a file the peer's own rules came to leave out.
         */
        final IgnoreRules ignored;
        final AtomicInteger in = new AtomicInteger();
        final AtomicInteger removed = new AtomicInteger();
        /** Folders that files were renamed into: synced once at the end of the round rather than after every file. */
        final Set<Path> renamedIn = ConcurrentHashMap.newKeySet();
        /** Where the local files this round removes or replaces are: a path moved at the peer is copied from there. */
        final LocalCopies localCopies = new LocalCopies();
        /** Paths the peer removed that hold no file here: folders among them go once empty. */
        private final NavigableSet<String> removedAtPeer = new TreeSet<>();
        /** The files fetched, with the hashes they were verified against: indexed as they are, not hashed again. */
        final List<ShareIndex.Change> fetched = Collections.synchronizedList(new ArrayList<>());
        private String problem;
        private int problems;
        /** Whether a path was left for a later round: its file changed on disk since it was indexed, or no lane took it. */
        private boolean leftForLater;
        /** How far the peer's index is settled once every path taken up is: the last view's end. */
        SyncRows.Watermark reached;
        private final AtomicInteger settled = new AtomicInteger();
        private final AtomicInteger known = new AtomicInteger();

        Round(ShareRegistry.ShareRoot root, SyncRows.Pair pair, SyncRows.Watermark reached, IgnoreRules ignored) {
            this.root = root;
            this.ignored = ignored;
            this.pair = pair;
            this.peer = pair.peer();
            this.remoteShare = pair.remoteShare();
            this.reached = reached;
            this.trash = new Trash(root.folder(), clock);
        }

        /** The round's first problem, with how many more it met: the pair shows one, and the user should know of the rest. */
        synchronized String problem() {
            int more = problems - 1;
            return more <= 0 ? problem : problem + " (and " + more + " more " + (more == 1 ? "problem" : "problems") + ")";
        }

        SyncPair.Progress progress() {
            return new SyncPair.Progress(settled.get(), known.get());
        }

        /** Whether every path was settled: only then may the next round leave out what the peer has not changed since. */
        synchronized boolean settledEverything() {
            return problem == null && !leftForLater;
        }

        private synchronized void noteProblem(String path, Exception e) {
            problems++;
            if (problem == null) {
                String message = String.valueOf(e.getMessage());
                problem = message.contains("'" + path + "'") ? message : "'" + path + "': " + message;
            }
        }

        /**
         * Settles the view's paths on several lanes, each on a stream of its own, and returns when all are
         * done. Meanwhile the round's own stream reads what the peer tells it changed further, and the
         * lanes take up the paths it names: the round's end (the index written, the share walked again)
         * and the next round's start then come once, not after each batch the peer's scan writes. A path
         * the round already took up that changed again ends this: the next round settles it.
         */
        void settleAll(RoundView first, FilesClient client, AtomicLong notices, long noticesBefore) {
            RoundQueue<Item> queue = new RoundQueue<>(LANES);
            Map<String, Manifest> taken = new HashMap<>();
            takeUp(first, taken, queue);
            List<Thread> lanes = new ArrayList<>();
            for (int i = 0; i < LANES; i++) {
                lanes.add(Thread.ofPlatform().daemon().name("peerdesk-sync-lane").start(() -> settleFrom(queue)));
            }
            try {
                long seen = noticesBefore;
                boolean further = true;
                long nextProgress = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
                for (boolean idle = false; !idle;) {
                    idle = queue.awaitIdle(NOTICE_POLL_MILLIS);
                    if (further && notices.get() != seen) {
                        seen = notices.get();
                        further = takeUpFurther(queue, taken, client);
                        idle = false;
                    }
                    if (!idle && System.nanoTime() - nextProgress > 0) {
                        listener.changed(root.name());
                        nextProgress = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                leaveForLater(queue);
                Thread.currentThread().interrupt();
            }
            queue.close();
            for (Thread lane : lanes) {
                try {
                    lane.join();
                } catch (InterruptedException e) {
                    leaveForLater(queue);
                    Thread.currentThread().interrupt();
                }
            }
            leaveForLater(queue); // anything still queued, a failed lane left
            removeEmptyFolders();
            renamedIn.forEach(PartFile::syncFolder);
            try {
                List<ShareIndex.Change> found = fetched.stream().map(this::asFoundNow).toList();
                saveBasesFirst(found.stream().filter(ShareIndex.Change::deleted).map(ShareIndex.Change::path).toList());
                if (!registry.index().applyWhereStill(root.id(), found, this::stillAsFound).isEmpty()) {
                    registry.rescanById(root.id());
                }
            } catch (FilesException | StorageException e) {
                noteProblem("(index)", e); // the next scan hashes what it could not record
            }
        }

        /**
         * Writes the bases of {@code paths} ahead of the rest, which wait until the fetched files are in the
         * index: a base tells the peer that this node had the version, and the peer reads a version absent
         * from the index as deleted here. For files deleted since they were fetched that is so, and the
         * peer, seeing their removal, asks for their bases at once.
         */
        private void saveBasesFirst(List<String> paths) throws FilesException {
            Map<String, byte[]> first = new HashMap<>();
            synchronized (newBases) {
                for (String path : paths) {
                    if (newBases.containsKey(path)) {
                        first.put(path, newBases.remove(path));
                    }
                }
            }
            rows.saveBases(root.id(), peer, first);
        }

        /**
         * A fetched file as the index is to record it: as placed, or as removed where the user deleted
         * it since. The removal is recorded so that the peer, which sees this node's base for the path,
         * trashes its copy too; a scan would record nothing, since the index never held the file.
         */
        private ShareIndex.Change asFoundNow(ShareIndex.Change placed) {
            try {
                return Files.exists(file(placed.path()), LinkOption.NOFOLLOW_LINKS) ? placed : ShareIndex.Change.removed(placed.path());
            } catch (InvalidInputException | IOException e) {
                return placed;
            }
        }

        /**
         * Whether a fetched file is still as found at the round's end (placed, or gone). If the user
         * changed it since, a scan may already have indexed their version; recording the fetched one
         * over it would hide the change from every round until the share is walked again, so the share
         * is walked instead.
         */
        private boolean stillAsFound(ShareIndex.Change found) {
            try {
                Path file = file(found.path());
                return found.deleted() ? !Files.exists(file, LinkOption.NOFOLLOW_LINKS) : Scanner.stillAsRecorded(file, found.file());
            } catch (InvalidInputException | IOException e) {
                return false;
            }
        }

        /** Drops what no lane took: then the round has not settled everything, and keeps the old watermark. */
        private void leaveForLater(RoundQueue<Item> queue) {
            if (queue.drop()) {
                synchronized (this) {
                    leftForLater = true;
                }
            }
        }

        /** One lane: turns of a few paths from the queue, asking ahead for the small files among them. */
        private void settleFrom(RoundQueue<Item> queue) {
            PeerLane lane = new PeerLane(connector, peer, null);
            try {
                for (List<Item> turn; !(turn = queue.take()).isEmpty();) {
                    lane.requestAhead(remoteShare, fetches(turn), settings);
                    for (Item item : turn) {
                        settle(item.path(), item.local(), item.remote(), item.base(), lane);
                        settled.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                // the round is stopping
            } finally {
                lane.closeOwn();
                queue.laneEnded();
            }
        }

        /**
         * Reads what the peer changed after {@link #reached} and queues the paths this round has not
         * taken up yet; false (and nothing queued) where that cannot go on in this round: the peer's index
         * was replaced, a path taken up changed again, or the reading failed.
         */
        private boolean takeUpFurther(RoundQueue<Item> queue, Map<String, Manifest> taken, FilesClient client) {
            RoundView next;
            try {
                next = RoundView.read(root, pair, Optional.of(reached), client, paths -> peerBases(pair, paths), registry.index(), rows);
            } catch (FilesException | IOException | InvalidInputException e) {
                return false;
            }
            boolean changedAgain = next.paths().stream()
                    .anyMatch(path -> taken.containsKey(path) && !Manifest.sameVersion(taken.get(path), next.theirs().get(path)));
            if (next.full() || changedAgain) {
                return false;
            }
            takeUp(next, taken, queue);
            reached = next.reached();
            return true;
        }

        /**
         * Queues the view's paths that this round has not taken up yet, noting where the local files are
         * whose content the peer no longer has at their paths, and which paths the peer removed that hold
         * no file here (folders, if anything).
         */
        private void takeUp(RoundView view, Map<String, Manifest> taken, RoundQueue<Item> queue) {
            List<Item> items = items(view, taken, path -> ignored.leavesOut(path, false) || view.leftOutThere().contains(path)
                    || !SyncFolders.covers(pair.folders(), path));
            for (Item item : items) {
                if (item.local() != null && !Manifest.sameVersion(item.local(), item.remote())) {
                    // A path of this node's own index, found by walking the share: no checks, no I/O here.
                    localCopies.at(item.local(), root.folder().resolve(item.path()));
                } else if (item.local() == null && item.remote() == null && view.theirs().containsKey(item.path())) {
                    removedAtPeer.add(item.path());
                }
            }
            queue.add(items);
            known.set(taken.size());
        }

        /**
         * Removes the folders the peer removed once nothing is left in them here, innermost first; a folder
         * that still holds anything (a file of the user's, a conflict's kept copy) stays.
         */
        private void removeEmptyFolders() {
            for (String path : removedAtPeer.descendingSet()) {
                try {
                    Path folder = file(path);
                    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(folder);
                    }
                } catch (DirectoryNotEmptyException e) {
                    // kept: something is in it
                } catch (IOException | InvalidInputException e) {
                    noteProblem(path, e);
                }
            }
        }

        /** What the peer has at those of {@code turn} that are to be fetched. */
        private List<Manifest> fetches(List<Item> turn) {
            return turn.stream()
                    .filter(item -> SyncPlan.decide(item.local(), item.remote(), item.base()) == SyncPlan.Action.FETCH)
                    .map(Item::remote)
                    .toList();
        }

        private void settle(String path, Manifest local, Manifest remote, byte[] base, PeerLane lane) {
            try {
                switch (SyncPlan.decide(local, remote, base)) {
                    case AGREE -> {
                        if (!Arrays.equals(base, local.version())) {
                            newBases.put(path, local.version());
                        }
                    }
                    case FORGET, KEEP_LOCAL -> {
                        if (base != null) {
                            newBases.put(path, null);
                        }
                    }
                    case NOTHING -> {
                    }
                    case FETCH -> {
                        Path file = file(path);
                        if (untouched(file, local)) {
                            fetch(remote, path, file, old -> keepDisplaced(old, path, local), lane);
                            newBases.put(path, remote.version());
                            in.incrementAndGet();
                        }
                    }
                    case TRASH -> {
                        Path file = file(path);
                        if (untouched(file, local)) {
                            localCopies.moveAway(local, () -> trash.keep(file, path));
                            newBases.put(path, null);
                            removed.incrementAndGet();
                        }
                    }
                    case LOCAL_MOVES_ASIDE -> {
                        Path file = file(path);
                        if (untouched(file, local)) {
                            String copy = SyncPlan.conflictName(path, self, local.entry().modified());
                            Path aside = file(copy);
                            // the local version moves aside only as the peer's takes its place, so the name is never empty
                            fetch(remote, path, file, old -> moveAside(old, local, aside, path), lane);
                            rows.addConflict(root.id(), path, copy, self, clock.instant());
                            newBases.put(path, remote.version());
                            in.incrementAndGet();
                        }
                    }
                    case PEER_COPY_BESIDE -> {
                        String copy = SyncPlan.conflictName(path, peer, remote.entry().modified());
                        Path beside = file(copy);
                        if (!Files.exists(beside, LinkOption.NOFOLLOW_LINKS)) {
                            fetch(remote, copy, beside, old -> trash.keep(old, copy), lane);
                            in.incrementAndGet();
                        }
                        rows.addConflict(root.id(), path, copy, peer, clock.instant());
                    }
                }
            } catch (FilesException | IOException | InvalidInputException e) {
                noteProblem(path, e);
            }
        }

        private Path file(String path) throws IOException, InvalidInputException {
            return SharePaths.resolve(root.folder(), path);
        }

        /**
         * Whether the file on disk is still what the index says (or still absent), so nothing unseen is
         * replaced; if not, the path is left for a later round, once the index has caught up.
         */
        private boolean untouched(Path file, Manifest indexed) throws IOException {
            BasicFileAttributes now = SharePaths.attributesIfExists(file);
            boolean untouched = now == null ? indexed == null : indexed != null && indexed.describes(now);
            if (!untouched) {
                synchronized (this) {
                    leftForLater = true;
                }
            }
            return untouched;
        }

        /**
         * Fetches the peer's {@code remote} into {@code target}, which is {@code path} in the share, handing
         * what is there to {@code displaced} just before it is replaced; starts from a local copy of the same
         * content if the round knows one.
         */
        private void fetch(Manifest remote, String path, Path target, PartFile.Displaced displaced, PeerLane lane)
                throws FilesException, IOException {
            FileFetch.Source source = FileFetch.oneRange(remote, settings) ? lane : connector.source(peer);
            new FileFetch(remoteShare, remote, target, List.of(source), settings, bytes -> { }, () -> false,
                    new PartFile.Placement(part -> localCopies.seed(remote, part), displaced,
                            renamedIn::add)).run();
            BasicFileAttributes placed = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            fetched.add(new ShareIndex.Change(path, Scanner.state(false, placed), remote.blockSize(), remote.hashes(), false));
        }

        /** Trashes the local version at {@code path}, found in {@code old} and indexed as {@code displaced} (null for none). */
        private void keepDisplaced(Path old, String path, Manifest displaced) throws IOException {
            if (displaced == null) {
                trash.keep(old, path);
            } else {
                localCopies.moveAway(displaced, () -> trash.keep(old, path));
            }
        }

        /** Moves the local version {@code displaced} at {@code path}, found in {@code old}, to the conflict's kept copy {@code aside}, or to the trash if one is there already. */
        private void moveAside(Path old, Manifest displaced, Path aside, String path) throws IOException {
            localCopies.moveAway(displaced, () -> Files.exists(aside, LinkOption.NOFOLLOW_LINKS) ? trash.keep(old, path) : Files.move(old, aside));
        }

    }

    /** A path to settle, with the local version, the peer's and the base (each null where there is none). */
    private record Item(String path, Manifest local, Manifest remote, byte[] base) {
    }

    /** The view's paths that {@code taken} does not hold yet and that are not left out, which it then holds with the peer's version. */
    private static List<Item> items(RoundView view, Map<String, Manifest> taken, Predicate<String> leftOut) {
        List<Item> items = new ArrayList<>();
        for (String path : view.paths()) {
            if (!taken.containsKey(path) && !leftOut.test(path)) {
                taken.put(path, view.theirs().get(path));
                items.add(new Item(path, view.mine().get(path), view.theirs().get(path), view.bases().get(path)));
            }
        }
        return items;
    }

    @Override
    /** Stops the rounds, and waits (a while) for a running one to end: none outlives the engine and its storage. */
    public void close() {
        rounds.shutdownNow();
        notices.shutdownNow();
        try {
            if (!rounds.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS) || !notices.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "A sync round was still running " + CLOSE_SECONDS + " s after it was told to stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
