package org.peerdesk.backup.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.backup.Undeleted;
import org.peerdesk.core.PeerId;

/**
 * Undoes this node's own deletions while its holders still keep them (a prune that went too far, say): every holder
 * online brings back what it kept of the vault, and the snapshot records among it that this node no longer has are
 * read, with their trees, back into its catalog, as a recovery reads them; the sets they belong to stay as the user has
 * them now. Deletions of what comes back that had not gone out yet are taken back, so that they do not undo it later.
 */
final class Undeletion {

    private final Catalog catalog;
    private final HolderLinks links;
    private final BackupProgress progress;

    Undeletion(Catalog catalog, HolderLinks links, BackupProgress progress) {
        this.catalog = catalog;
        this.links = links;
        this.progress = progress;
    }

    Undeleted undelete(VaultKeys keys) throws BackupException, InterruptedException {
        List<PeerId> online = links.online();
        if (online.isEmpty()) {
            throw new BackupException("None of the holders is online: " + String.join("; ", links.unreachable()) + ".");
        }
        Map<BlobId, List<PeerId>> broughtBack = new LinkedHashMap<>();
        Map<BlobId, Set<PeerId>> held = new HashMap<>();
        int asked = 0;
        for (PeerId holder : online) {
            progress.advanced("Asking the holders", asked++, online.size());
            HolderLink link = links.link(holder).orElseThrow();
            try {
                HolderLink.await(link.undelete()).forEach(root -> broughtBack.computeIfAbsent(root, any -> new ArrayList<>()).add(holder));
                link.listAll(BackupWire.DATA).forEach(chunk -> held.computeIfAbsent(chunk, any -> new HashSet<>()).add(holder));
            } catch (IOException e) {
                throw new BackupException(links.nameOf(holder) + " could not bring back what it kept: " + e.getMessage(), e);
            }
        }
        Adopted adopted = adopt(keys, broughtBack, held);
        return new Undeleted(adopted.snapshots(), adopted.problems(), online.stream().map(links::nameOf).toList(), links.unreachable());
    }

    /** What was read back into the catalog, oldest first, and the snapshots that could not be, each with why. */
    private record Adopted(List<Snapshot> snapshots, List<String> problems) {
    }

    /**
     * Reads back the snapshots among {@code broughtBack} (each record with the holders that brought it back) that the
     * catalog lacks. A set removed since comes back as its newest snapshot had it.
     */
    private Adopted adopt(VaultKeys keys, Map<BlobId, List<PeerId>> broughtBack, Map<BlobId, Set<PeerId>> held)
            throws BackupException, InterruptedException {
        Map<Records.SnapshotRecord, BlobId> records = new LinkedHashMap<>();
        for (Map.Entry<BlobId, List<PeerId>> root : broughtBack.entrySet()) {
            Records.SnapshotRecord record = read(keys, root.getKey(), root.getValue());
            if (record != null && !catalog.hasSnapshot(record.id())) {
                records.put(record, root.getKey());
            }
        }
        Set<String> sets = new HashSet<>();
        catalog.sets().forEach(row -> sets.add(row.definition().name()));
        for (Map.Entry<Records.SnapshotRecord, BlobId> newestFirst : sortedByTime(records).reversed()) {
            if (sets.add(newestFirst.getKey().set().name())) {
                catalog.saveSet(newestFirst.getKey().set());
            }
        }
        addCopies(held);
        Fetcher fetcher = new Fetcher(keys, links, catalog.copies());
        List<Snapshot> snapshots = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int done = 0;
        for (Map.Entry<Records.SnapshotRecord, BlobId> record : sortedByTime(records)) {
            progress.advanced("Reading snapshots", done++, records.size());
            try {
                snapshots.add(Recovery.adoptSnapshot(catalog, fetcher, record.getKey(), record.getValue()));
            } catch (BackupException e) {
                problems.add(e.getMessage());
            }
        }
        keepWhatIsNeeded(new HashSet<>(records.values()), catalog.needed(null));
        return new Adopted(snapshots, problems);
    }

    /** The record {@code root} names, from the first of {@code holders} that gives it back whole; null where none does. */
    private Records.SnapshotRecord read(VaultKeys keys, BlobId root, List<PeerId> holders) throws BackupException, InterruptedException {
        for (PeerId holder : holders) {
            try {
                Records.SnapshotRecord record = Recovery.read(keys, links.link(holder).orElseThrow(), root);
                if (record != null) {
                    return record;
                }
            } catch (IOException e) {
                throw new BackupException(links.nameOf(holder) + " could not give back a snapshot's record: " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static List<Map.Entry<Records.SnapshotRecord, BlobId>> sortedByTime(Map<Records.SnapshotRecord, BlobId> records) {
        return records.entrySet().stream().sorted(Comparator.comparingLong(record -> record.getKey().timeMillis())).toList();
    }

    /** Records the copies the holders have that the catalog does not know of, keeping the sizes it knows. */
    private void addCopies(Map<BlobId, Set<PeerId>> held) throws BackupException {
        Map<BlobId, Set<PeerId>> known = catalog.copies();
        Map<BlobId, Integer> sizes = catalog.blobSizes();
        List<Catalog.Copy> added = new ArrayList<>();
        held.forEach((chunk, holders) -> holders.stream().filter(holder -> !known.getOrDefault(chunk, Set.of()).contains(holder))
                .forEach(holder -> added.add(new Catalog.Copy(chunk, holder, sizes.getOrDefault(chunk, 0)))));
        catalog.addCopies(added);
    }

    /**
     * Takes back the deletions, not yet gone out, of the records brought back and of what any snapshot needs: their
     * holders (offline since the prune) still have those, and count as holding the chunks again.
     */
    private void keepWhatIsNeeded(Set<BlobId> roots, Set<BlobId> chunks) throws BackupException {
        Set<BlobId> needed = new HashSet<>(chunks);
        needed.addAll(roots);
        Map<BlobId, Integer> sizes = catalog.blobSizes();
        List<Catalog.Copy> kept = new ArrayList<>();
        catalog.cancelPendingDeletes(needed).forEach((holder, ids) -> ids.stream().filter(chunks::contains)
                .forEach(id -> kept.add(new Catalog.Copy(id, holder, sizes.getOrDefault(id, 0)))));
        catalog.addCopies(kept);
    }
}
