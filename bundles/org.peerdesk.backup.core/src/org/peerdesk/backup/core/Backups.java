package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.backup.Health;
import org.peerdesk.backup.HeldBackup;
import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.backup.PruneResult;
import org.peerdesk.backup.Recovered;
import org.peerdesk.backup.RestoreResult;
import org.peerdesk.backup.Retention;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.backup.SnapshotDiff;
import org.peerdesk.backup.SnapshotEntry;
import org.peerdesk.backup.Undeleted;
import org.peerdesk.backup.VerifyReport;
import org.peerdesk.core.FileTrees;
import org.peerdesk.core.NameOrder;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * The backup area put together from its plain parts, and the logic of {@link BackupService}: the
 * node's component delegates to it, tests build it with in-memory streams. Operations that change
 * the vault (run, verify, prune, recover) take turns; restores and listings run beside them.
 */
final class Backups {

    /** What the rest of the node hears about. */
    interface Events {
        void backupChanged(String set);

        void heldChanged(PeerId owner);
    }

    static final Duration DEFAULT_GRACE = Duration.ofDays(30);
    /** A week: long enough to notice a machine taken over, and recover from its phrase on another, before the deletions go. */
    static final Duration DEFAULT_KEEP_DELETED = Duration.ofDays(7);
    /** How old a set's last run is before the node checks its copies unasked: a check takes the vault, as a run does. */
    static final Duration QUIET = Duration.ofMinutes(10);
    private static final int TREES_CACHED = 4;
    /** How long asking the holders whether they store may take: a user waits for the answer. */
    private static final Duration ASK_WITHIN = Duration.ofSeconds(5);
    /** How long a holder names the peer a vault's owner replaced, while that peer may still store here. */
    static final Duration REPLACED_NAMED = Duration.ofDays(7);

    final HolderStore store;
    final HolderServer server;
    /** The sources of areas' and plugins' own data that sets may take; the node's component adds and removes them. */
    final Sources sources = new Sources();
    private final SourceFolders sourceFolders;
    private final VaultClaims claims;
    private final Catalog catalog;
    private final PeerId self;
    private final Streams streams;
    private final HolderServer.Gate gate;
    private final Function<PeerId, String> names;
    private final Events events;
    private final Clock clock;
    private final ExecutorService workers;
    private final ReentrantLock vault = new ReentrantLock();
    private final Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Sets queued to run after a grant: an approval is heard twice (the answer, then the owner's list of grants). */
    private final Set<String> queuedAfterGrant = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sealingWarmed = new AtomicBoolean();
    /** Sets whose check the node started by itself and that has not ended: one at a time each. */
    private final Set<String> checking = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, List<TreeEntry>> trees = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<TreeEntry>> eldest) {
            return size() > TREES_CACHED;
        }
    };

    Backups(Storage storage, Path storeRoot, PeerId self, Streams streams, HolderServer.Gate gate, Function<PeerId, String> names,
            Events events, Clock clock, ExecutorService workers) throws BackupException {
        try {
            storage.migrate(BackupSchema.SCHEMA);
        } catch (StorageException e) {
            throw new BackupException("The backup tables could not be prepared: " + e.getMessage(), e);
        }
        this.catalog = new Catalog(storage);
        this.self = self;
        this.streams = streams;
        this.gate = gate;
        this.names = names;
        this.events = events;
        this.clock = clock;
        this.workers = workers;
        this.store = new HolderStore(storage, storeRoot, clock);
        this.sourceFolders = new SourceFolders(storeRoot.resolveSibling("backup-sources"), sources);
        this.claims = new VaultClaims(storage, store, gate, clock, events::heldChanged);
        this.server = new HolderServer(store, self, gate, events::heldChanged, claims::proved, this::keepDeletedOrDefault);
    }

    /**
     * Compiles the sealing paths in the background ({@link VaultKeys#warmUp}), once, on a node that seals: one with sets
     * of its own. A node that only holds others' backups never seals, and its start is spared a second of CPU.
     */
    void warmUpIfSealing() throws BackupException {
        if (!catalog.sets().isEmpty() && sealingWarmed.compareAndSet(false, true)) {
            workers.execute(VaultKeys::warmUp);
        }
    }

    // --- sets -----------------------------------------------------------------------------------

    List<BackupSet> sets() throws BackupException {
        List<BackupSet> sets = new ArrayList<>();
        for (Catalog.SetRow row : catalog.sets()) {
            sets.add(view(row));
        }
        return sets;
    }

    Optional<BackupSet> set(String name) throws BackupException {
        return sets().stream().filter(set -> set.name().equals(name)).findFirst();
    }

    BackupSet addSet(String name, List<Path> folders, List<String> sources, List<PeerId> holders, int copies, Optional<Duration> every)
            throws BackupException {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200 || trimmed.contains("\n") || trimmed.equals(BackupService.LATEST)) {
            throw new BackupException("Name the set with up to 200 characters on one line (not 'latest').");
        }
        if (folders.isEmpty()) {
            throw new BackupException("Name at least one folder to back up.");
        }
        List<String> paths = new ArrayList<>();
        for (Path folder : folders) {
            Path absolute = folder.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                throw new BackupException(absolute + " is not a folder.");
            }
            paths.add(absolute.toString());
        }
        List<String> taken = List.copyOf(new LinkedHashSet<>(sources));
        for (String source : taken) {
            if (this.sources.named(source).isEmpty()) {
                SortedMap<String, String> installed = this.sources.labels();
                throw new BackupException("Nothing installed here backs up '" + source + "'; " + (installed.isEmpty() ? "nothing does."
                        : "what does: " + String.join(", ", installed.keySet().stream().map(each -> each + " (" + installed.get(each) + ")")
                                .toList()) + "."));
            }
        }
        Set<PeerId> distinct = new LinkedHashSet<>(holders);
        if (distinct.contains(self)) {
            throw new BackupException("This node cannot hold its own backup; choose other peers.");
        }
        if (distinct.isEmpty()) {
            throw new BackupException("Name the peers that hold the backup: --to PEER...");
        }
        if (copies < 1 || copies > BackupService.MAX_COPIES) {
            throw new BackupException("Copies go from 1 to " + BackupService.MAX_COPIES + "; " + copies + " was asked for.");
        }
        if (copies > distinct.size()) {
            throw new BackupException("Each chunk is to go to " + copies + " holders (--copies " + copies + "), but "
                    + (distinct.size() == 1 ? "1 is" : distinct.size() + " are") + " named: name more with --to, or keep fewer copies"
                    + " (--copies " + distinct.size() + ").");
        }
        if (every.isPresent() && every.get().compareTo(Duration.ofMinutes(1)) < 0) {
            throw new BackupException("Run a set at most once a minute.");
        }
        keys();
        catalog.saveSet(new SetDefinition(trimmed, paths, taken, distinct.stream().map(PeerId::toHex).toList(), copies,
                every.map(Duration::toSeconds).orElse(0L)));
        warmUpIfSealing();
        events.backupChanged(trimmed);
        return set(trimmed).orElseThrow();
    }

    List<HolderAnswer> askHolders(String name) throws BackupException {
        SetDefinition set = definition(name);
        try {
            long share = shareOfEachHolder(set);
            return new HolderQuestions(streams, keys(), names).ask(set.holderIds(), ASK_WITHIN, workers).stream()
                    .map(answer -> answer.withShare(share)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted while asking the holders of '" + name + "'.");
        }
    }

    /**
     * About how much of the set each holder is to take: the bytes of its files as they are now, times its copies,
     * spread over its holders. Placement fills holders about evenly; deduplication may make it less.
     */
    static long shareOfEachHolder(SetDefinition set) {
        long bytes = SetWalker.walk(set.folders().stream().map(java.nio.file.Path::of).toList()).found().stream()
                .filter(found -> found.entry().type() == TreeEntry.Type.FILE).mapToLong(found -> found.entry().size()).sum();
        int holders = Math.max(1, set.holders().size());
        return (long) Math.ceil(bytes * (double) Math.min(set.copies(), holders) / holders);
    }

    void removeSet(String name) throws BackupException {
        definition(name);
        catalog.removeSet(name);
        try {
            sourceFolders.remove(name);
        } catch (IOException e) {
            System.getLogger(Backups.class.getName()).log(System.Logger.Level.WARNING, "What the sources of set {0} wrote could not be deleted: {1}",
                    name, e.getMessage());
        }
        events.backupChanged(name);
    }

    // --- running --------------------------------------------------------------------------------

    Snapshot run(String name, BackupProgress progress) throws BackupException {
        SetDefinition set = definition(name);
        return exclusively(() -> {
            running.add(name);
            VaultKeys keys = keys();
            Map<BlobId, Set<PeerId>> copies = catalog.copies();
            try (HolderLinks links = links(keys, set)) {
                Pruning.sendDeletions(catalog, links);
                if (links.online().isEmpty()) {
                    throw new BackupException("None of the holders is online: " + String.join("; ", links.unreachable()) + ".");
                }
                Uploader uploader = new Uploader(catalog, links, set.holderIds(), set.copies(), copies, workers);
                SourceFolders.Prepared prepared = sourceFolders.prepare(set);
                BackupRun run = new BackupRun(catalog, keys, set, prepared, links, uploader, streams::addressOf, clock, progress);
                Snapshot snapshot = run.run();
                catalog.recordRun(name, clock.instant(), run.problems().isEmpty() ? Optional.empty()
                        : Optional.of(String.join("; ", run.problems())));
                return snapshot;
            } catch (BackupException e) {
                catalog.recordRun(name, clock.instant(), Optional.of(e.getMessage()));
                throw e;
            } finally {
                running.remove(name);
                events.backupChanged(name);
            }
        });
    }

    boolean running(String set) {
        return running.contains(set);
    }

    /** Whether a check of the set's copies that {@link #runDue} started has yet to end. */
    boolean checking(String set) {
        return checking.contains(set);
    }

    // --- snapshots ------------------------------------------------------------------------------

    List<Snapshot> snapshots(String set) throws BackupException {
        definition(set);
        return catalog.snapshots(set).stream().map(Catalog.SnapshotRow::snapshot).toList();
    }

    /** The entries directly inside a folder of the snapshot, folders first; a file, as {@code ls} does, alone. */
    List<SnapshotEntry> list(String set, String snapshot, String folder) throws BackupException {
        String prefix = folder.replaceAll("^/+|/+$", "");
        List<TreeEntry> tree = tree(set, snapshot);
        if (!prefix.isEmpty()) {
            TreeEntry named = tree.stream().filter(entry -> entry.path().equals(prefix)).findFirst()
                    .orElseThrow(() -> nothingAt(prefix, set, tree));
            if (named.type() != TreeEntry.Type.FOLDER) {
                return List.of(view(named));
            }
        }
        return inside(tree, prefix);
    }

    private static BackupException nothingAt(String path, String set, List<TreeEntry> tree) {
        return new BackupException("There is nothing at '" + path + "' in that snapshot of '" + set + "'; at its top: "
                + String.join(", ", inside(tree, "").stream().map(SnapshotEntry::name).toList()) + ".");
    }

    private static List<SnapshotEntry> inside(List<TreeEntry> tree, String folder) {
        return tree.stream()
                .filter(entry -> parentOf(entry.path()).equals(folder))
                .sorted(Comparator.comparing((TreeEntry entry) -> entry.type() != TreeEntry.Type.FOLDER).thenComparing(TreeEntry::path, NameOrder.NAMES))
                .map(Backups::view).toList();
    }

    SnapshotDiff diff(String set, String from, String to) throws BackupException {
        Map<String, TreeEntry> before = byPath(tree(set, from));
        Map<String, TreeEntry> after = byPath(tree(set, to));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (TreeEntry entry : after.values()) {
            TreeEntry old = before.get(entry.path());
            if (old == null) {
                added.add(entry.path());
            } else if (!old.sameAs(entry) && entry.type() != TreeEntry.Type.FOLDER) {
                changed.add(entry.path());
            }
        }
        List<String> removed = before.keySet().stream().filter(path -> !after.containsKey(path)).toList();
        return new SnapshotDiff(withoutTheirFolders(added, after), withoutTheirFolders(removed, before), changed);
    }

    /** The paths but the folders among them that others lie in: "photos/2026/a.jpg" says that "photos/2026" came, or went, too. */
    private static List<String> withoutTheirFolders(List<String> paths, Map<String, TreeEntry> tree) {
        Set<String> holding = new HashSet<>();
        for (String path : paths) {
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                holding.add(path.substring(0, slash));
            }
        }
        return paths.stream().filter(path -> tree.get(path).type() != TreeEntry.Type.FOLDER || !holding.contains(path)).toList();
    }

    /** Restores what the user asked for: a node's kept key only where they name its folder ({@link NodeKeeping#restoredWith}). */
    RestoreResult restore(String set, String snapshot, String path, Path target, BackupProgress progress) throws BackupException {
        return restore(set, snapshot, path, target, progress, entry -> NodeKeeping.restoredWith(entry.path(), Restorer.normalized(path)));
    }

    /** Restores, of the snapshot's entries at {@code path}, those {@code wanted}. */
    private RestoreResult restore(String set, String snapshot, String path, Path target, BackupProgress progress,
            Predicate<TreeEntry> wanted) throws BackupException {
        Optional<String> why = FileTrees.whyNoFolderAt(target);
        if (why.isPresent()) {
            throw new BackupException("Cannot restore into " + target + ": " + why.get());
        }
        SetDefinition definition = definition(set);
        Catalog.SnapshotRow row = snapshotRow(set, snapshot);
        VaultKeys keys = keys();
        try (HolderLinks links = links(keys, definition)) {
            Fetcher fetcher = new Fetcher(keys, links, catalog.copies());
            List<TreeEntry> tree = tree(row, fetcher);
            List<TreeEntry> entries = Restorer.select(tree, path).stream().filter(wanted).toList();
            if (entries.isEmpty()) {
                throw nothingAt(path, set, tree);
            }
            return new Restorer(fetcher, progress).restore(entries, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted.", e);
        } finally {
            events.backupChanged(set);
        }
    }

    /** Restores {@code path} of the set's latest snapshot into {@code target}, where it has one; that snapshot then. */
    Optional<Snapshot> restoreLatestIfThere(String set, String path, Path target) throws BackupException {
        if (catalog.snapshots(set).isEmpty() || Restorer.select(tree(set, BackupService.LATEST), path).isEmpty()) {
            return Optional.empty();
        }
        restore(set, BackupService.LATEST, path, target, BackupProgress.NONE, entry -> true);
        return Optional.of(snapshotRow(set, BackupService.LATEST).snapshot());
    }

    PruneResult prune(String set, Retention retention) throws BackupException {
        SetDefinition definition = definition(set);
        if (!retention.valid()) {
            throw new BackupException("Keep at least one snapshot: give --keep-last, --keep-daily or --keep-weekly a number above zero.");
        }
        return exclusively(() -> {
            try (HolderLinks links = links(keys(), definition)) {
                return new Pruning(catalog, links).prune(definition, retention, ZoneId.systemDefault());
            } finally {
                synchronized (trees) {
                    trees.clear();
                }
                events.backupChanged(set);
            }
        });
    }

    /**
     * Brings back the snapshots this node deleted that its holders still keep: asks every holder it knows, those of its
     * sets and any that holds or is still to delete a copy of its chunks.
     */
    Undeleted undelete(BackupProgress progress) throws BackupException {
        return exclusively(() -> {
            Set<PeerId> holders = holders();
            catalog.copies().values().forEach(holders::addAll);
            holders.addAll(catalog.holdersWithPendingDeletes());
            if (holders.isEmpty()) {
                throw new BackupException("This node has never backed anything up, so no holder keeps anything deleted for it.");
            }
            VaultKeys keys = keys();
            try (HolderLinks links = HolderLinks.open(streams, keys, holders, names)) {
                return new Undeletion(catalog, links, progress).undelete(keys);
            } finally {
                events.backupChanged("");
            }
        });
    }

    VerifyReport verify(String set, BackupProgress progress) throws BackupException {
        SetDefinition definition = definition(set);
        return exclusively(() -> {
            VaultKeys keys = keys();
            Map<BlobId, Set<PeerId>> copies = catalog.copies();
            try (HolderLinks links = links(keys, definition)) {
                Pruning.sendDeletions(catalog, links);
                Uploader uploader = new Uploader(catalog, links, definition.holderIds(), definition.copies(), copies, workers);
                Fetcher fetcher = new Fetcher(keys, links, copies);
                Map<BlobId, Catalog.SnapshotRow> snapshots = new LinkedHashMap<>();
                catalog.snapshots(set).forEach(row -> snapshots.put(row.root(), row));
                Function<BlobId, Optional<byte[]>> rewritten = root -> Optional.ofNullable(snapshots.get(root))
                        .map(row -> Records.sealed(keys, root, Records.of(row, definition, streams::addressOf)));
                Verification verification = new Verification(catalog, definition, links, fetcher, uploader, copies, names, rewritten,
                        progress);
                VerifyReport report = verification.verify(catalog.needed(set), List.copyOf(snapshots.keySet()));
                catalog.recordCheck(set, clock.instant(), checkProblem(report));
                return report;
            } catch (BackupException e) {
                catalog.recordCheck(set, clock.instant(), Optional.of(e.getMessage()));
                throw e;
            } finally {
                events.backupChanged(set);
            }
        });
    }

    /** What a check found that is still wrong: the report's problems, or the copies neither proven nor made again. */
    private static Optional<String> checkProblem(VerifyReport report) {
        if (report.healthy()) {
            return Optional.empty();
        }
        return Optional.of(report.problems().isEmpty() ? (report.copies() - report.proven() - report.repaired()) + " of " + report.copies()
                + " copies were neither proven nor made again" : String.join("; ", report.problems()));
    }

    Health health(String set) throws BackupException {
        SetDefinition definition = definition(set);
        List<PeerId> holders = definition.holderIds();
        Map<BlobId, Set<PeerId>> copies = catalog.copies();
        Map<BlobId, Integer> sizes = catalog.blobSizes();
        int full = 0;
        int under = 0;
        int lost = 0;
        Map<PeerId, int[]> chunks = new HashMap<>();
        Map<PeerId, long[]> bytes = new HashMap<>();
        for (BlobId chunk : catalog.needed(set)) {
            Set<PeerId> at = new HashSet<>(copies.getOrDefault(chunk, Set.of()));
            at.retainAll(holders);
            for (PeerId holder : at) {
                chunks.computeIfAbsent(holder, any -> new int[1])[0]++;
                bytes.computeIfAbsent(holder, any -> new long[1])[0] += sizes.getOrDefault(chunk, 0);
            }
            if (at.isEmpty()) {
                lost++;
            } else if (at.size() < definition.copies()) {
                under++;
            } else {
                full++;
            }
        }
        List<Health.Holder> states = holders.stream().map(holder -> new Health.Holder(holder, names.apply(holder),
                streams.connected(holder), chunks.getOrDefault(holder, new int[1])[0], bytes.getOrDefault(holder, new long[1])[0])).toList();
        return new Health(full + under + lost, full, under, lost, states);
    }

    // --- recovery -------------------------------------------------------------------------------

    String recoveryPhrase() throws BackupException {
        return RecoveryPhrase.encode(keys().secret());
    }

    boolean recoveryPhraseNoted() throws BackupException {
        return catalog.phraseNoted();
    }

    void noteRecoveryPhrase() throws BackupException {
        catalog.notePhrase();
        events.backupChanged("");
    }

    /**
     * The recovery file: every set's holders, each with the addresses it may be reached at, sealed with the vault's key.
     */
    String recoveryFile() throws BackupException {
        Set<PeerId> holders = holders();
        if (holders.isEmpty()) {
            throw new BackupException("No backup set yet, so no holder to name: a recovery file comes with the first set.");
        }
        List<RecoveryFile.Holder> named = holders.stream().map(holder -> new RecoveryFile.Holder(holder, streams.addressesOf(holder)))
                .toList();
        return RecoveryFile.write(keys(), named, LocalDate.now(clock.withZone(ZoneId.systemDefault())));
    }

    /** The user keeps the recovery file just made: it names the holders the sets use now. */
    void recoveryFileKept() throws BackupException {
        catalog.noteRecoveryFile(holders());
        events.backupChanged("");
    }

    /** The holders the sets use that the last recovery file kept does not name; none when no file was kept. */
    List<PeerId> holdersMissingFromRecoveryFile() throws BackupException {
        Optional<Set<PeerId>> named = catalog.recoveryFileHolders();
        if (named.isEmpty()) {
            return List.of();
        }
        return holders().stream().filter(holder -> !named.get().contains(holder)).toList();
    }

    /** Every set's holders, in the sets' order. */
    private Set<PeerId> holders() throws BackupException {
        Set<PeerId> holders = new LinkedHashSet<>();
        for (Catalog.SetRow row : catalog.sets()) {
            holders.addAll(row.definition().holderIds());
        }
        return holders;
    }

    /** Recovers from the phrase, and where one is given ({@code file} not empty), the recovery file made with it. */
    Recovered recover(String phrase, Optional<String> file, BackupProgress progress) throws BackupException {
        VaultKeys keys = new VaultKeys(RecoveryPhrase.decode(phrase));
        List<RecoveryFile.Holder> named = file.isPresent() ? RecoveryFile.read(keys, file.get()) : List.of();
        return exclusively(() -> {
            Optional<byte[]> existing = catalog.secret();
            if (existing.isPresent() && !java.util.Arrays.equals(existing.get(), keys.secret()) && !catalog.sets().isEmpty()) {
                throw new BackupException("This node already backs up sets of its own under another phrase. "
                        + "Recover on a fresh node (a new data directory).");
            }
            Recovery.Found found = new Recovery(catalog, streams, progress).recover(keys, named);
            catalog.notePhrase();
            warmUpIfSealing(); // the restores that come next open what was sealed
            for (String set : found.sets()) {
                carryOver(set);
            }
            events.backupChanged("");
            // they knew the lost machine: whether they store for this one is for their owners to say again
            List<HolderAnswer> answers = new HolderQuestions(streams, keys, names).ask(found.holders(), ASK_WITHIN, workers);
            return new Recovered(found.sets(), found.snapshots(), found.broughtBack(), answers, Optional.empty());
        });
    }

    /** What the sources of a recovered set wrote on the lost machine stays in its snapshots from here on, apart. */
    private void carryOver(String name) throws BackupException {
        if (definition(name).sources().isEmpty()) {
            return;
        }
        try {
            // all of it: a node kept there too, so that this one can take its place later
            sourceFolders.carryOver(name, folder -> restore(name, BackupService.LATEST, SourceFolders.TOP, folder, BackupProgress.NONE,
                    entry -> true));
        } catch (IOException | BackupException e) {
            System.getLogger(Backups.class.getName()).log(System.Logger.Level.WARNING, "What the sources of set {0} wrote on the lost"
                    + " machine stays only in its snapshots made there: {1}", name, e.getMessage());
        }
    }

    // --- holding for others ---------------------------------------------------------------------

    /** The peer that stored in the vault before its owner took it over lately, if that peer may still store here. */
    private List<HeldBackup.Replaced> replaced(HolderStore.Vault vault) {
        Optional<Instant> lately = vault.ownerSince().filter(since -> since.isAfter(clock.instant().minus(REPLACED_NAMED)));
        return vault.previousOwner().filter(previous -> lately.isPresent() && gate.mayStore(previous))
                .map(previous -> List.of(new HeldBackup.Replaced(previous, names.apply(previous), lately.get()))).orElse(List.of());
    }

    List<HeldBackup> held() throws BackupException {
        Duration grace = removalGrace();
        Map<PeerId, HeldBackup> byOwner = new LinkedHashMap<>();
        try {
            for (HolderStore.Vault vault : store.vaults()) {
                OptionalLong quota = gate.quota(vault.owner());
                Optional<Instant> removal = vault.orphanedSince().map(since -> since.plus(grace));
                byOwner.merge(vault.owner(), new HeldBackup(vault.owner(), names.apply(vault.owner()), vault.bytes(), vault.blobs(),
                        vault.keptDeleted(), quota, removal, claims.of(vault.owner(), names), replaced(vault)),
                        (a, b) -> new HeldBackup(a.owner(), a.name(), a.bytes() + b.bytes(), a.blobs() + b.blobs(),
                                a.keptDeleted() + b.keptDeleted(), a.quota(),
                                a.removal().or(b::removal), a.claimants(), a.replaced()));
            }
        } catch (StorageException e) {
            throw new BackupException("What this node holds for others is not available: " + e.getMessage(), e);
        }
        return List.copyOf(byOwner.values());
    }

    Duration removalGrace() throws BackupException {
        return catalog.duration(Catalog.HeldFor.AFTER_GRANT_ENDS).orElse(DEFAULT_GRACE);
    }

    void setRemovalGrace(Duration grace) throws BackupException {
        if (grace.isNegative()) {
            throw new BackupException("The grace period is zero or more.");
        }
        catalog.saveDuration(Catalog.HeldFor.AFTER_GRANT_ENDS, grace);
    }

    Duration keepDeleted() throws BackupException {
        return catalog.duration(Catalog.HeldFor.AFTER_OWNER_DELETES).orElse(DEFAULT_KEEP_DELETED);
    }

    /** As {@link #keepDeleted}, read as a holder serves a deletion: where the setting cannot be read, the default. */
    private Duration keepDeletedOrDefault() {
        try {
            return keepDeleted();
        } catch (BackupException e) {
            return DEFAULT_KEEP_DELETED;
        }
    }

    void setKeepDeleted(Duration keep) throws BackupException {
        if (keep.isNegative()) {
            throw new BackupException("How long deleted backups are kept is zero or more.");
        }
        catalog.saveDuration(Catalog.HeldFor.AFTER_OWNER_DELETES, keep);
    }

    /**
     * Marks and, after the grace period, removes the data of owners whose grant ended; removes for good what owners
     * deleted longer ago than this node keeps it.
     */
    void sweep() throws BackupException {
        try {
            for (PeerId owner : store.sweep(gate::mayStore, removalGrace())) {
                events.heldChanged(owner);
            }
            store.purge(keepDeleted());
        } catch (IOException | StorageException e) {
            throw new BackupException("Could not clean up other peers' backups: " + e.getMessage(), e);
        }
    }

    /** Runs scheduled sets when due (checked every minute) and sweeps the store every hour. */
    void schedule(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::runDue, 1, 1, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(() -> logFailure("sweep the store", () -> {
            sweep();
            return null;
        }), 1, 60, TimeUnit.MINUTES);
    }

    /**
     * Starts what is due of each set whose holders are in reach: its scheduled run, or else the check of its copies
     * (see {@link #checkNow}).
     */
    void runDue() {
        try {
            Instant now = clock.instant();
            for (BackupSet set : sets()) {
                if (running(set.name()) || set.holders().stream().noneMatch(streams::connected)) {
                    continue;
                }
                if (set.nextRun().filter(next -> !next.isAfter(now)).isPresent()) {
                    workers.execute(() -> logFailure("run " + set.name(), () -> run(set.name(), BackupProgress.NONE)));
                } else if (checkNow(set, now)) {
                    onceAtATime(checking, set.name(), "check the copies of " + set.name(), () -> verify(set.name(), BackupProgress.NONE));
                }
            }
        } catch (BackupException e) {
            System.getLogger(Backups.class.getName()).log(System.Logger.Level.WARNING, "Scheduled backups: {0}", e.getMessage());
        }
    }

    /**
     * Runs now each scheduled set whose last run failed and that {@code holder} holds: it just granted this node
     * storage, which is most often what that run lacked. A set run by hand waits to be asked.
     */
    void runAfterGrant(PeerId holder) {
        try {
            for (BackupSet set : sets()) {
                if (set.every().isPresent() && set.lastProblem().isPresent() && set.holders().contains(holder) && !running(set.name())) {
                    onceAtATime(queuedAfterGrant, set.name(), "run " + set.name(), () -> run(set.name(), BackupProgress.NONE));
                }
            }
        } catch (BackupException e) {
            System.getLogger(Backups.class.getName()).log(System.Logger.Level.WARNING, "Backups after a grant: {0}", e.getMessage());
        }
    }

    /** Runs {@code work} on the workers unless work marked with {@code set} in {@code marks} is waiting or running already. */
    private void onceAtATime(Set<String> marks, String set, String what, Work<?> work) {
        if (marks.add(set)) {
            workers.execute(() -> {
                try {
                    logFailure(what, work);
                } finally {
                    marks.remove(set);
                }
            });
        }
    }

    /**
     * Whether to check the set's copies now: due, its last run {@link #QUIET} old, and, after a check that left a
     * problem, every holder online (with one still away, the check would find the same).
     */
    private boolean checkNow(BackupSet set, Instant now) {
        return set.checkDue(now) && set.lastRun().orElseThrow().plus(QUIET).isBefore(now)
                && (set.checkProblem().isEmpty() || set.holders().stream().allMatch(streams::connected));
    }

    private interface Work<T> {
        T run() throws BackupException, InterruptedException;
    }

    private static void logFailure(String what, Work<?> work) {
        try {
            work.run();
        } catch (BackupException e) {
            System.getLogger(Backups.class.getName()).log(System.Logger.Level.WARNING, "Could not {0}: {1}", what, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T exclusively(Work<T> work) throws BackupException {
        try {
            vault.lockInterruptibly();
            try {
                return work.run();
            } finally {
                vault.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted.", e);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private VaultKeys keys() throws BackupException {
        synchronized (catalog) {
            Optional<byte[]> secret = catalog.secret();
            if (secret.isPresent()) {
                return new VaultKeys(secret.get());
            }
            VaultKeys keys = VaultKeys.generate();
            catalog.saveSecret(keys.secret());
            return keys;
        }
    }

    private SetDefinition definition(String name) throws BackupException {
        return catalog.sets().stream().map(Catalog.SetRow::definition).filter(set -> set.name().equals(name)).findFirst()
                .orElseThrow(() -> new BackupException("No backup set is called '" + name + "'. See: peerdesk backup list"));
    }

    private HolderLinks links(VaultKeys keys, SetDefinition set) {
        return HolderLinks.open(streams, keys, set.holderIds(), names);
    }

    private Catalog.SnapshotRow snapshotRow(String set, String snapshot) throws BackupException {
        List<Catalog.SnapshotRow> rows = catalog.snapshots(set);
        if (rows.isEmpty()) {
            throw new BackupException("The set '" + set + "' has no snapshots yet. Make one: peerdesk backup run " + set);
        }
        if (snapshot.equals(BackupService.LATEST)) {
            return rows.get(0);
        }
        List<Catalog.SnapshotRow> matching = rows.stream().filter(row -> row.snapshot().id().startsWith(snapshot.strip())).toList();
        if (snapshot.strip().length() < 4 || matching.size() != 1) {
            throw new BackupException(matching.size() > 1 ? "More than one snapshot starts with '" + snapshot + "'; give more of its ID."
                    : "The set '" + set + "' has no snapshot '" + snapshot + "'. See: peerdesk snapshots " + set);
        }
        return matching.get(0);
    }

    private List<TreeEntry> tree(String set, String snapshot) throws BackupException {
        SetDefinition definition = definition(set);
        Catalog.SnapshotRow row = snapshotRow(set, snapshot);
        synchronized (trees) {
            List<TreeEntry> cached = trees.get(row.snapshot().id());
            if (cached != null) {
                return cached;
            }
        }
        VaultKeys keys = keys();
        try (HolderLinks links = links(keys, definition)) {
            return tree(row, new Fetcher(keys, links, catalog.copies()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted.", e);
        }
    }

    /** The snapshot's tree: from the cache, or read through {@code fetcher} and kept. */
    private List<TreeEntry> tree(Catalog.SnapshotRow row, Fetcher fetcher) throws BackupException, InterruptedException {
        String id = row.snapshot().id();
        synchronized (trees) {
            List<TreeEntry> cached = trees.get(id);
            if (cached != null) {
                return cached;
            }
        }
        try {
            List<TreeEntry> tree = Records.decodeTree(fetcher.fetchAll(row.tree()));
            synchronized (trees) {
                trees.put(id, tree);
            }
            return tree;
        } catch (IOException e) {
            throw new BackupException("The tree of snapshot " + id + " could not be read from the holders online: " + e.getMessage(), e);
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static Map<String, TreeEntry> byPath(List<TreeEntry> tree) {
        Map<String, TreeEntry> byPath = new LinkedHashMap<>();
        tree.forEach(entry -> byPath.put(entry.path(), entry));
        return byPath;
    }

    private static SnapshotEntry view(TreeEntry entry) {
        return new SnapshotEntry(entry.path(), entry.type() == TreeEntry.Type.FOLDER, entry.size(), entry.mode(),
                Instant.ofEpochSecond(0, entry.modifiedNanos()));
    }

    private static BackupSet view(Catalog.SetRow row) {
        SetDefinition set = row.definition();
        return new BackupSet(set.name(), set.folders().stream().map(Path::of).toList(), set.sources(), set.holderIds(),
                set.copies(), set.everySeconds() > 0 ? Optional.of(Duration.ofSeconds(set.everySeconds())) : Optional.empty(),
                row.lastRun(), row.lastProblem(), row.lastCheck(), row.checkProblem());
    }
}
