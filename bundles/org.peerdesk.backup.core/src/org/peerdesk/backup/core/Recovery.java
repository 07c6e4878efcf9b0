package org.peerdesk.backup.core;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.Recovered;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.core.PeerId;

/**
 * Brings a vault back from its secret alone: asks the connected peers which of them hold snapshot
 * records for it, reads the records (they name the other holders and where they were, which are
 * connected to in turn), then learns from every holder which chunks it has and reads each
 * snapshot's tree, so that this node can restore, verify, prune and back up as the old one did.
 */
final class Recovery {

    private final Catalog catalog;
    private final Streams streams;
    private final BackupProgress progress;

    Recovery(Catalog catalog, Streams streams, BackupProgress progress) {
        this.catalog = catalog;
        this.streams = streams;
        this.progress = progress;
    }

    Recovered recover(VaultKeys keys) throws BackupException, InterruptedException {
        Set<PeerId> candidates = new LinkedHashSet<>(streams.connectedPeers());
        Map<String, Records.SnapshotRecord> records = new LinkedHashMap<>();
        Map<String, BlobId> roots = new HashMap<>();
        Set<PeerId> asked = new HashSet<>();
        Set<PeerId> holders = new LinkedHashSet<>();
        Map<BlobId, Set<PeerId>> copies = new HashMap<>();
        while (!candidates.isEmpty()) {
            PeerId peer = candidates.iterator().next();
            candidates.remove(peer);
            if (!asked.add(peer)) {
                continue;
            }
            progress.advanced("Asking peers", asked.size(), asked.size() + candidates.size());
            try (HolderLinks links = HolderLinks.open(streams, keys, List.of(peer), PeerId::shortForm)) {
                if (links.online().isEmpty()) {
                    continue;
                }
                HolderLink link = links.link(peer).orElseThrow();
                List<BlobId> rootIds = link.listAll(BackupWire.ROOT);
                if (rootIds.isEmpty()) {
                    continue;
                }
                holders.add(peer);
                for (BlobId root : rootIds) {
                    Records.SnapshotRecord record = read(keys, link, root);
                    if (record != null && records.putIfAbsent(record.id(), record) == null) {
                        roots.put(record.id(), root);
                        for (Records.HolderAddress named : record.holders()) {
                            PeerId holder = SetDefinition.peerOf(named.peer());
                            if (!asked.contains(holder) && (streams.connected(holder) || streams.connect(holder, named.address()))) {
                                candidates.add(holder);
                            }
                        }
                    }
                }
                for (BlobId chunk : link.listAll(BackupWire.DATA)) {
                    copies.computeIfAbsent(chunk, any -> new HashSet<>()).add(peer);
                }
            } catch (IOException e) {
                System.getLogger(Recovery.class.getName()).log(System.Logger.Level.INFO, "{0} could not help recover: {1}",
                        peer.shortForm(), e.getMessage());
            }
        }
        if (records.isEmpty()) {
            throw new BackupException("None of the " + asked.size() + " connected peers holds a backup for this phrase. "
                    + "Connect to one of your holders first (peerdesk connect PEERID@HOST:PORT), then try again.");
        }
        return adopt(keys, records, roots, holders, copies);
    }

    private static Records.SnapshotRecord read(VaultKeys keys, HolderLink link, BlobId root) throws IOException, InterruptedException {
        var blob = HolderLink.await(link.get(root));
        if (blob.isEmpty()) {
            return null;
        }
        try {
            return Records.decodeRecord(keys.open(root.bytes(), blob.get()));
        } catch (VaultKeys.TamperedException e) {
            return null;
        }
    }

    /** Makes what was found this node's: the secret, each set as its newest record has it, the snapshots with their chunks. */
    private Recovered adopt(VaultKeys keys, Map<String, Records.SnapshotRecord> records, Map<String, BlobId> roots,
            Set<PeerId> holders, Map<BlobId, Set<PeerId>> copies) throws BackupException, InterruptedException {
        catalog.saveSecret(keys.secret());
        List<Catalog.Copy> known = new ArrayList<>();
        copies.forEach((chunk, at) -> at.forEach(holder -> known.add(new Catalog.Copy(chunk, holder, 0))));
        catalog.addCopies(known);
        Map<String, Records.SnapshotRecord> newestPerSet = new LinkedHashMap<>();
        for (Records.SnapshotRecord record : records.values()) {
            newestPerSet.merge(record.set().name(), record, (a, b) -> a.timeMillis() >= b.timeMillis() ? a : b);
        }
        for (Records.SnapshotRecord newest : newestPerSet.values()) {
            catalog.saveSet(newest.set());
        }
        int done = 0;
        try (HolderLinks links = HolderLinks.open(streams, keys, holders, PeerId::shortForm)) {
            Fetcher fetcher = new Fetcher(keys, links, copies);
            for (Records.SnapshotRecord record : records.values()) {
                progress.advanced("Reading snapshots", ++done, records.size());
                if (catalog.hasSnapshot(record.id())) {
                    continue;
                }
                Set<BlobId> needs = new HashSet<>(record.tree());
                try {
                    Records.decodeTree(fetcher.fetchAll(record.tree())).forEach(entry -> needs.addAll(entry.chunks()));
                } catch (IOException e) {
                    throw new BackupException("The tree of snapshot " + record.id() + " could not be read: " + e.getMessage(), e);
                }
                Snapshot snapshot = new Snapshot(record.id(), record.set().name(), Instant.ofEpochMilli(record.timeMillis()),
                        record.files(), record.bytes(), record.uploadedBytes(), 0);
                catalog.saveSnapshot(new Catalog.SnapshotRow(snapshot, roots.get(record.id()), record.tree()), needs, null, Map.of());
            }
        }
        return new Recovered(List.copyOf(newestPerSet.keySet()), records.size(), holders.size());
    }
}
