package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.peerdesk.core.FileTrees;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.ConnectionClosedException;
import org.peerdesk.transport.StreamRefusedException;

/**
 * Runs downloads and uploads in the background. A download lists what is asked for, then fetches
 * its files on a few streams at once (a large file on several streams and from every peer with the
 * same content); an upload sends file after file, only the blocks the peer lacks. Progress is reported
 * a few times a second and every transfer kept in the database. A transfer whose peer went away waits
 * and resumes when it comes back; one cut by a restart resumes at start.
 */
final class TransferService implements Transfers, AutoCloseable {

    /** Told of every change of a transfer worth showing. */
    interface Listener {
        void changed(Transfer transfer);

        void removed(Transfer transfer);
    }

    static final int LANES = 4;
    static final int RUNNING_AT_ONCE = 2;
    private static final long OTHER_SOURCES_FROM = 16L * 1024 * 1024;
    /** The first pause before an attempt that found its peer away, though it is connected now, goes again; it doubles up to the longest. */
    private static final long FIRST_PAUSE_MILLIS = 1_000;
    private static final long LONGEST_PAUSE_MILLIS = 60_000;

    private final TransferRows rows;
    private final Connector connector;
    private final Path downloads;
    private final Clock clock;
    private final Listener listener;
    private final FileFetch.Settings settings;
    private final BlockHasher hasher;
    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    /** The last pause of each transfer going again by {@link #tryAgainSoon}. */
    private final Map<Long, Long> pauses = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newFixedThreadPool(RUNNING_AT_ONCE, Threads.daemon("peerdesk-transfer"));
    private volatile boolean stopping;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-transfer-progress"));

    TransferService(TransferRows rows, Connector connector, BlockHasher hasher, Path downloads, Clock clock, Listener listener,
            FileFetch.Settings settings) {
        this.hasher = hasher;
        this.rows = rows;
        this.connector = connector;
        this.downloads = downloads;
        this.clock = clock;
        this.listener = listener;
        this.settings = settings;
        ticker.scheduleWithFixedDelay(this::reportProgress, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Picks up the transfers a stop cut short. */
    void resumeInterrupted() throws FilesException {
        for (Transfer transfer : rows.all()) {
            if (transfer.state() == Transfer.State.RUNNING || transfer.state() == Transfer.State.QUEUED) {
                start(transfer);
            }
        }
    }

    /** A peer came online: its waiting transfers go on. */
    void peerConnected(PeerId peer) {
        live.values().stream().filter(running -> running.base.peer().equals(peer)).forEach(running -> running.peerConnected = true);
        try {
            for (Transfer transfer : rows.all()) {
                if (transfer.peer().equals(peer) && transfer.state() == Transfer.State.QUEUED && !live.containsKey(transfer.id())) {
                    start(transfer);
                }
            }
        } catch (FilesException e) {
            // the node is stopping
        }
    }

    /** A peer now gives this node {@code added}: its failed transfers that those rights reach start again. */
    synchronized void given(PeerId owner, List<GrantTerms> added) {
        try {
            for (Transfer transfer : rows.all()) {
                if (transfer.peer().equals(owner) && transfer.state() == Transfer.State.FAILED && !live.containsKey(transfer.id())
                        && added.stream().anyMatch(terms -> reaches(terms, transfer))) {
                    retry(transfer.id());
                }
            }
        } catch (FilesException e) {
            // the node is stopping
        }
    }

    private static boolean reaches(GrantTerms terms, Transfer transfer) {
        Right needed = transfer.direction() == Transfer.Direction.UPLOAD ? Right.WRITE : Right.READ;
        try {
            return terms.gives(needed, needsGrantOn(transfer));
        } catch (FilesException e) {
            return false; // not a transfer that any grant could start
        }
    }

    /** What the peer must grant for the transfer: what it downloads, or where its upload lands. */
    private static Resource needsGrantOn(Transfer transfer) throws FilesException {
        return remoteResource(transfer.grantPath());
    }

    @Override
    public synchronized Transfer download(PeerId peer, String remote, Optional<Path> destination) throws FilesException {
        Resource resource = remoteResource(remote);
        Path folder = destination.orElse(downloads).toAbsolutePath().normalize();
        refuseUnlessFolder(folder);
        return startOrJoin(new Transfer(0, Transfer.Direction.DOWNLOAD, peer, resource.toString(), folder,
                Transfer.State.QUEUED, Transfer.Progress.NONE, Optional.empty(), clock.instant()));
    }

    /** A download goes into a folder, made if missing: not into a file, nor below one. */
    private static void refuseUnlessFolder(Path folder) throws FilesException {
        Optional<String> why = FileTrees.whyNoFolderAt(folder);
        if (why.isPresent()) {
            throw new FilesException("Cannot download into " + folder + ": " + why.get());
        }
    }

    @Override
    public synchronized Transfer upload(Path local, PeerId peer, String remoteFolder) throws FilesException {
        Resource resource = remoteResource(remoteFolder);
        Path file = local.toAbsolutePath().normalize();
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FilesException("There is no file or folder " + file + " to upload.");
        }
        return startOrJoin(new Transfer(0, Transfer.Direction.UPLOAD, peer, resource.toString(), file,
                Transfer.State.QUEUED, Transfer.Progress.NONE, Optional.empty(), clock.instant()));
    }

    /**
     * Starts the transfer asked for, or the same one asked for earlier and not yet done or cancelled: asking twice
     * runs it once, and asking again after it failed retries it.
     */
    private Transfer startOrJoin(Transfer asked) throws FilesException {
        for (Transfer earlier : rows.all()) {
            boolean open = earlier.state() != Transfer.State.DONE && earlier.state() != Transfer.State.CANCELLED;
            if (open && earlier.direction() == asked.direction() && earlier.peer().equals(asked.peer())
                    && earlier.remote().equals(asked.remote()) && earlier.local().equals(asked.local())) {
                return retry(earlier.id());
            }
        }
        Transfer transfer = rows.insert(asked);
        start(transfer);
        return transfer;
    }

    @Override
    public List<Transfer> transfers() throws FilesException {
        List<Transfer> all = new ArrayList<>();
        for (Transfer stored : rows.all()) {
            Live running = live.get(stored.id());
            all.add(running == null ? stored : running.snapshot());
        }
        return all;
    }

    @Override
    public Transfer cancel(long id) throws FilesException {
        Live running = live.get(id);
        if (running != null) {
            running.cancelled = true;
            return running.snapshot();
        }
        Transfer stored = stored(id);
        if (stored.state() == Transfer.State.QUEUED || stored.state() == Transfer.State.FAILED) {
            return finish(new Live(stored), Transfer.State.CANCELLED, Optional.empty());
        }
        return stored;
    }

    @Override
    public synchronized Transfer retry(long id) throws FilesException {
        if (live.containsKey(id)) {
            return live.get(id).snapshot();
        }
        Transfer stored = stored(id);
        if (stored.state() == Transfer.State.DONE) {
            throw new FilesException("Transfer " + id + " is done; there is nothing to retry.");
        }
        Transfer queued = withState(stored, Transfer.State.QUEUED, Optional.empty());
        rows.update(queued);
        start(queued);
        return queued;
    }

    @Override
    public synchronized Transfer remove(long id) throws FilesException {
        Transfer stored = live.containsKey(id) ? live.get(id).snapshot() : stored(id);
        if (stored.state() == Transfer.State.QUEUED || stored.state() == Transfer.State.RUNNING) {
            throw new FilesException("Transfer " + id + " is " + stored.state().word() + "; cancel it first (peerdesk cancel " + id + ").");
        }
        discardParts(stored, rows.all());
        rows.delete(List.of(id));
        listener.removed(stored);
        return stored;
    }

    @Override
    public synchronized int clearFinished() throws FilesException {
        List<Transfer> all = rows.all();
        List<Transfer> finished = all.stream().filter(transfer -> !live.containsKey(transfer.id()))
                .filter(transfer -> transfer.state() == Transfer.State.DONE || transfer.state() == Transfer.State.CANCELLED).toList();
        for (Transfer transfer : finished) {
            discardParts(transfer, all);
        }
        rows.delete(finished.stream().map(Transfer::id).toList());
        finished.forEach(listener::removed);
        return finished.size();
    }

    /**
     * Deletes what an unfinished download kept for a retry, unless another download still to run (of
     * {@code all}) goes to the same place and needs it.
     */
    private void discardParts(Transfer transfer, List<Transfer> all) throws FilesException {
        if (transfer.direction() != Transfer.Direction.DOWNLOAD || transfer.state() == Transfer.State.DONE) {
            return;
        }
        Path target = transfer.brought();
        for (Transfer other : all) {
            boolean toRun = live.containsKey(other.id()) || other.state() == Transfer.State.QUEUED;
            if (toRun && other.id() != transfer.id() && other.direction() == Transfer.Direction.DOWNLOAD
                    && (other.brought().startsWith(target) || target.startsWith(other.brought()))) {
                return;
            }
        }
        try {
            LeftoverParts.discard(target);
        } catch (IOException e) {
            throw new FilesException("Could not delete the partial files of transfer " + transfer.id() + " in " + target + ": "
                    + e.getMessage() + "; it stays listed.", e);
        }
    }

    @Override
    public Optional<Transfer> transfer(long id) throws FilesException {
        Live running = live.get(id);
        return running != null ? Optional.of(running.snapshot()) : storedRow(id);
    }

    private Optional<Transfer> storedRow(long id) throws FilesException {
        return rows.all().stream().filter(transfer -> transfer.id() == id).findFirst();
    }

    private Transfer stored(long id) throws FilesException {
        return storedRow(id).orElseThrow(() -> new FilesException("There is no transfer " + id + "."));
    }

    private static Resource remoteResource(String remote) throws FilesException {
        try {
            Resource resource = Resource.parse(remote);
            if (resource.kind() != Resource.Kind.SHARE) {
                throw new InvalidInputException("'" + remote + "' is not in a share; name it as SHARE/PATH.");
            }
            return resource;
        } catch (InvalidInputException e) {
            throw new FilesException(e.getMessage(), e);
        }
    }

    // --- running -------------------------------------------------------------------------------

    /** A running transfer's counters, read by the progress reports while it runs. */
    private final class Live {
        final Transfer base;
        final AtomicLong bytesDone = new AtomicLong();
        final AtomicInteger filesDone = new AtomicInteger();
        final SpeedMeter speed = new SpeedMeter();
        volatile long bytesTotal;
        volatile int filesTotal;
        volatile long bytesPerSecond;
        volatile Transfer.State state = Transfer.State.QUEUED;
        volatile boolean cancelled;
        /** The peer connected while this attempt ran. */
        volatile boolean peerConnected;

        Live(Transfer base) {
            this.base = base;
            this.bytesTotal = base.progress().bytesTotal();
            this.filesTotal = base.progress().filesTotal();
        }

        Transfer snapshot() {
            return new Transfer(base.id(), base.direction(), base.peer(), base.remote(), base.local(), state,
                    new Transfer.Progress(bytesDone.get(), bytesTotal, filesDone.get(), filesTotal, bytesPerSecond),
                    state == Transfer.State.QUEUED ? base.problem() : Optional.empty(), base.created());
        }
    }

    private void start(Transfer transfer) {
        Live running = new Live(transfer);
        if (live.putIfAbsent(transfer.id(), running) != null) {
            return;
        }
        runner.execute(() -> run(running));
    }

    private void run(Live running) {
        running.state = Transfer.State.RUNNING;
        listener.changed(running.snapshot());
        Transfer.State end = Transfer.State.DONE;
        Optional<String> problem = Optional.empty();
        try {
            if (running.base.direction() == Transfer.Direction.UPLOAD) {
                upload(running);
            } else {
                download(running);
            }
        } catch (CancellationException e) {
            end = Transfer.State.CANCELLED;
        } catch (PeerAway e) {
            end = Transfer.State.QUEUED;
            problem = Optional.of("Waiting for " + connector.nameOf(running.base.peer()) + ": " + e.getMessage());
        } catch (FilesException e) {
            end = running.cancelled ? Transfer.State.CANCELLED : Transfer.State.FAILED;
            problem = Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            end = Transfer.State.FAILED;
            problem = Optional.of("Internal error: " + e);
        }
        if (stopping) {
            return; // left as running in the database: the next start resumes it
        }
        try {
            Transfer ended = finish(running, end, problem);
            if (end == Transfer.State.QUEUED && (running.peerConnected || connector.connected().contains(ended.peer()))) {
                tryAgainSoon(ended);
            } else {
                pauses.remove(ended.id());
            }
        } catch (FilesException e) {
            // the database is gone: the node is stopping, and the transfer resumes at the next start
        }
    }

    /**
     * Starts again, after a pause, a transfer whose attempt found its peer away though the peer is connected now: it
     * connected while the attempt ran (its arrival started nothing then), or refused the stream while still starting
     * up. The pause doubles while that repeats.
     */
    private void tryAgainSoon(Transfer transfer) {
        long pause = pauses.merge(transfer.id(), FIRST_PAUSE_MILLIS, (last, first) -> Math.min(last * 2, LONGEST_PAUSE_MILLIS));
        try {
            ticker.schedule(() -> {
                try {
                    storedRow(transfer.id()).filter(now -> now.state() == Transfer.State.QUEUED).ifPresent(this::start);
                } catch (FilesException e) {
                    // the node is stopping
                }
            }, pause, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the node is stopping; the transfer resumes at the next start
        }
    }

    private Transfer finish(Live running, Transfer.State state, Optional<String> problem) throws FilesException {
        running.state = state;
        running.bytesPerSecond = 0;
        Transfer done = withState(running.snapshot(), state, problem);
        live.remove(done.id());
        rows.update(done);
        listener.changed(done);
        return done;
    }

    private static Transfer withState(Transfer transfer, Transfer.State state, Optional<String> problem) {
        return new Transfer(transfer.id(), transfer.direction(), transfer.peer(), transfer.remote(), transfer.local(), state,
                transfer.progress(), problem, transfer.created());
    }

    /** The peer is not connected or went away mid-transfer: wait for it, do not fail. */
    private static final class PeerAway extends FilesException {
        private static final long serialVersionUID = 1L;

        PeerAway(String message) {
            super(message);
        }
    }

    private void download(Live running) throws FilesException {
        Transfer transfer = running.base;
        Resource remote = remoteResource(transfer.remote());
        List<Manifest> files;
        FilesClient main;
        try {
            main = connector.open(transfer.peer());
        } catch (IOException e) {
            if (StreamRefusedException.forLackOfAccess(e)) { // no grant of read on any share: waiting would not end
                throw notGiven(transfer, e);
            }
            throw new PeerAway(e.getMessage());
        }
        try {
            files = main.allManifests(remote.share(), remote.path());
            Path base = transfer.local().resolve(remote.path().isEmpty() ? remote.share()
                    : remote.path().substring(remote.path().lastIndexOf('/') + 1));
            boolean single = files.size() == 1 && files.get(0).entry().path().equals(remote.path());
            if (files.isEmpty()) {
                main.list(remote.share(), remote.path(), "", 1); // a folder that is empty, or an error saying what is wrong
                Files.createDirectories(base);
                return;
            }
            running.filesTotal = files.size();
            running.bytesTotal = files.stream().mapToLong(manifest -> manifest.entry().size()).sum();
            fetchAll(running, main, remote, files, single ? null : base, single ? base : null);
        } catch (FilesWire.RemoteError e) {
            throw e.notGranted() ? notGiven(transfer, e) : new FilesException(connector.nameOf(transfer.peer()) + " says: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw new FilesException("The peer's answer was refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw failedOrAway(transfer.peer(), new FilesException(e.getMessage(), e));
        } finally {
            main.close();
        }
    }

    /**
     * The attempt's {@code problem}, or a wait for the peer where the problem is its absence: it is not connected, or
     * the connection the attempt ran on closed (a newer one may have taken its place: the attempt goes again on that).
     */
    private FilesException failedOrAway(PeerId peer, FilesException problem) {
        if (ConnectionClosedException.endedBy(problem) || !connector.connected().contains(peer)) {
            return new PeerAway((problem.getCause() == null ? problem : problem.getCause()).getMessage());
        }
        return problem;
    }

    /** The peer refused the transfer for want of a grant: say what to ask for; {@link #given} starts it again. */
    private FilesException notGiven(Transfer transfer, IOException refusal) throws FilesException {
        boolean upload = transfer.direction() == Transfer.Direction.UPLOAD;
        return new FilesException(NotGiven.message(connector.nameOf(transfer.peer()), transfer.peer(), needsGrantOn(transfer),
                upload ? Right.WRITE : Right.READ) + "; the " + (upload ? "upload" : "download") + " starts again when it is given.", refusal);
    }

    /** Sends the files one after another on one stream; the peer verifies, places and trashes. */
    private void upload(Live running) throws FilesException {
        Transfer transfer = running.base;
        Resource remote = remoteResource(transfer.remote());
        List<LocalTree.Item> items;
        try {
            items = LocalTree.items(transfer.local(), remote.path());
        } catch (IOException | InvalidInputException e) {
            throw new FilesException("Cannot upload " + transfer.local() + ": " + IoMessages.of(e), e);
        }
        running.filesTotal = items.size();
        running.bytesTotal = items.stream().mapToLong(LocalTree.Item::size).sum();
        WriteClient client;
        try {
            client = connector.openWrite(transfer.peer());
        } catch (IOException e) {
            if (StreamRefusedException.forLackOfAccess(e)) {
                throw notGiven(transfer, e);
            }
            throw failedOrAway(transfer.peer(), new FilesException(connector.nameOf(transfer.peer()) + " says: " + e.getMessage(), e));
        }
        try (client) {
            FileUpload upload = new FileUpload(hasher, running.bytesDone::addAndGet, () -> running.cancelled);
            for (LocalTree.Item item : items) {
                upload.send(client, remote.share(), item.remotePath(), item.file());
                running.filesDone.incrementAndGet();
            }
        } catch (FilesWire.RemoteError e) {
            throw e.notGranted() ? notGiven(transfer, e) : new FilesException(connector.nameOf(transfer.peer()) + " says: " + e.getMessage(), e);
        } catch (IOException e) {
            if (running.cancelled) {
                throw new CancellationException();
            }
            throw failedOrAway(transfer.peer(), new FilesException(e.getMessage(), e));
        }
    }

    /** Fetches the files on up to {@link #LANES} streams at once; the first problem stops the rest. */
    private void fetchAll(Live running, FilesClient main, Resource remote, List<Manifest> files, Path folder, Path singleTarget)
            throws FilesException, IOException {
        ConcurrentLinkedQueue<Manifest> queue = new ConcurrentLinkedQueue<>(files);
        List<FilesException> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        int lanes = Math.min(LANES, files.size());
        List<Thread> threads = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            PeerLane source = new PeerLane(connector, running.base.peer(), lane == 0 ? main : null);
            Runnable work = () -> {
                for (List<Manifest> turn; problems.isEmpty() && !(turn = PeerLane.take(queue, files.size(), lanes)).isEmpty();) {
                    source.requestAhead(remote.share(), turn.stream().filter(file -> nothingAt(remote, file, folder, singleTarget)).toList(),
                            settings);
                    for (Manifest next : turn) {
                        if (!problems.isEmpty()) {
                            break;
                        }
                        try {
                            fetchOne(running, remote.share(), next, target(remote, next, folder, singleTarget), source);
                            running.filesDone.incrementAndGet();
                        } catch (FilesException e) {
                            problems.add(e);
                        } catch (InvalidInputException | IOException e) {
                            problems.add(new FilesException("Refused '" + next.entry().path() + "': " + e.getMessage(), e));
                        }
                    }
                }
                source.closeOwn();
            };
            if (lane == lanes - 1) {
                work.run();
            } else {
                threads.add(Thread.ofPlatform().daemon().name("peerdesk-transfer-lane").start(work));
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FilesException("Interrupted.", e);
            }
        }
        if (running.cancelled) {
            throw new CancellationException();
        }
        if (!problems.isEmpty()) {
            throw failedOrAway(running.base.peer(), problems.get(0));
        }
    }

    /** Where a file of the download goes; refused if its path would leave the folder. */
    private static Path target(Resource remote, Manifest file, Path folder, Path singleTarget) throws InvalidInputException, IOException {
        return singleTarget != null ? singleTarget
                : SharePaths.resolve(folder, file.entry().path().substring(remote.path().isEmpty() ? 0 : remote.path().length() + 1));
    }

    /**
     * Whether nothing is at the file's place yet, so that asking for it ahead is worth it: a file
     * already (partly) there may need nothing, or only some blocks. False for a refused path.
     */
    private static boolean nothingAt(Resource remote, Manifest file, Path folder, Path singleTarget) {
        try {
            return !target(remote, file, folder, singleTarget).toFile().exists();
        } catch (InvalidInputException | IOException e) {
            return false;
        }
    }

    private void fetchOne(Live running, String share, Manifest manifest, Path target, PeerLane lane) throws FilesException {
                List<FileFetch.Source> sources = new ArrayList<>();
        if (FileFetch.oneRange(manifest, settings)) {
            sources.add(lane);
        } else {
            sources.add(connector.source(running.base.peer()));
            if (manifest.entry().size() >= OTHER_SOURCES_FROM) {
                sources.addAll(othersWithSameContent(running.base.peer(), share, manifest));
            }
        }
        new FileFetch(share, manifest, target, sources, settings, running.bytesDone::addAndGet, () -> running.cancelled,
                PartFile.Placement.OVERWRITE).run();
    }

    /** Other connected peers whose share of the same name holds the same bytes under the same path. */
    private List<FileFetch.Source> othersWithSameContent(PeerId primary, String share, Manifest manifest) {
        List<FileFetch.Source> others = new ArrayList<>();
        for (PeerId peer : connector.connected()) {
            if (peer.equals(primary)) {
                continue;
            }
            try (FilesClient client = connector.open(peer)) {
                List<Manifest> theirs = client.manifests(share, manifest.entry().path(), "", 1).items();
                if (!theirs.isEmpty() && theirs.get(0).sameContent(manifest)) {
                    others.add(connector.source(peer));
                }
            } catch (IOException | InvalidInputException e) {
                // that peer does not have it, or does not let us read it
            }
        }
        return others;
    }

    private void reportProgress() {
        long now = System.nanoTime();
        for (Live running : live.values()) {
            if (running.state == Transfer.State.RUNNING) {
                running.bytesPerSecond = running.speed.sample(now, running.bytesDone.get());
                listener.changed(running.snapshot());
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        for (Live running : live.values()) {
            running.cancelled = true;
        }
        ticker.shutdownNow();
        runner.shutdownNow();
    }
}
