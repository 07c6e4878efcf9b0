package org.peerdesk.backup.core;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.PruneResult;
import org.peerdesk.backup.Retention;
import org.peerdesk.core.PeerId;

/**
 * Removes snapshots a retention does not keep, then the chunks no remaining snapshot of any set
 * needs. Holders that are offline get their deletions later: they wait in the catalog and go out
 * with the next operation that reaches the holder.
 */
final class Pruning {

    private final Catalog catalog;
    private final HolderLinks links;

    Pruning(Catalog catalog, HolderLinks links) {
        this.catalog = catalog;
        this.links = links;
    }

    PruneResult prune(SetDefinition set, Retention retention, ZoneId zone) throws BackupException, InterruptedException {
        List<Catalog.SnapshotRow> rows = catalog.snapshots(set.name());
        Set<String> kept = RetentionPolicy.kept(rows.stream().map(Catalog.SnapshotRow::snapshot).toList(), retention, zone);
        List<String> removed = new ArrayList<>();
        Map<PeerId, List<BlobId>> deletions = new HashMap<>();
        for (Catalog.SnapshotRow row : rows) {
            if (kept.contains(row.snapshot().id())) {
                continue;
            }
            catalog.deleteSnapshot(row.snapshot().id());
            removed.add(row.snapshot().id());
            for (String holder : set.holders()) {
                deletions.computeIfAbsent(SetDefinition.peerOf(holder), any -> new ArrayList<>()).add(row.root());
            }
        }
        Map<BlobId, Set<PeerId>> copies = catalog.copies();
        Set<BlobId> garbage = new HashSet<>(copies.keySet());
        garbage.removeAll(catalog.needed(null));
        for (BlobId chunk : garbage) {
            for (PeerId holder : copies.get(chunk)) {
                deletions.computeIfAbsent(holder, any -> new ArrayList<>()).add(chunk);
            }
        }
        for (Map.Entry<PeerId, List<BlobId>> deletion : deletions.entrySet()) {
            catalog.addPendingDeletes(deletion.getKey(), deletion.getValue());
        }
        catalog.removeChunks(garbage);
        return new PruneResult(removed, garbage.size(), sendDeletions(catalog, links));
    }

    /** Sends the deletions waiting for each holder online; returns the bytes the holders freed. */
    static long sendDeletions(Catalog catalog, HolderLinks links) throws BackupException, InterruptedException {
        long freed = 0;
        for (PeerId holder : links.online()) {
            List<BlobId> pending = catalog.pendingDeletes(holder);
            for (int from = 0; from < pending.size(); from += BackupWire.MAX_IDS) {
                List<BlobId> page = pending.subList(from, Math.min(pending.size(), from + BackupWire.MAX_IDS));
                try {
                    freed += HolderLink.await(links.link(holder).orElseThrow().delete(page));
                    catalog.clearPendingDeletes(holder, page);
                } catch (IOException | java.util.NoSuchElementException e) {
                    break;
                }
            }
        }
        return freed;
    }
}
