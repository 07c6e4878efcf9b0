package org.peerdesk.backup.core;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;

/**
 * Brings a vault back from its secret alone: asks the peers it reaches which of them hold snapshot
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

    /**
     * What a recovery found: the sets, how many snapshots of them (and how many of those the lost machine had deleted,
     * which holders kept and brought back), and the holders that had them, in the order found.
     */
    record Found(List<String> sets, int snapshots, int broughtBack, List<PeerId> holders) {
    }

    /** A peer to ask, and where to connect to it if it is not connected; none for a peer that was. */
    private record Candidate(PeerId peer, List<String> addresses) {
    }

    /**
     * Asks the connected peers first, then the holders a recovery file names ({@code named}, none without one), then any
     * holder their records name; where none of those holds anything for the phrase, the peers heard on the local network,
     * which is how a node that knows no one yet finds its holders. Holders found become known peers; strangers dialed that
     * held nothing are let go.
     */
    Found recover(VaultKeys keys, List<RecoveryFile.Holder> named) throws BackupException, InterruptedException {
        Deque<Candidate> candidates = new ArrayDeque<>();
        streams.connectedPeers().forEach(peer -> candidates.add(new Candidate(peer, List.of())));
        named.forEach(holder -> candidates.add(new Candidate(holder.peer(), holder.addresses())));
        Map<String, Records.SnapshotRecord> records = new LinkedHashMap<>();
        Map<String, BlobId> roots = new HashMap<>();
        Set<PeerId> asked = new HashSet<>();
        Set<PeerId> dialed = new HashSet<>();
        Set<PeerId> holders = new LinkedHashSet<>();
        Set<BlobId> broughtBack = new HashSet<>();
        Map<BlobId, Set<PeerId>> copies = new HashMap<>();
        boolean heardAsked = false;
        int reached = 0;
        while (!candidates.isEmpty() || (records.isEmpty() && !heardAsked)) {
            if (candidates.isEmpty()) {
                heardAsked = true;
                streams.heardNearby().forEach(heard -> candidates.add(new Candidate(heard.peer(), heard.addresses())));
                continue;
            }
            Candidate candidate = candidates.poll();
            PeerId peer = candidate.peer();
            if (!asked.add(peer) || !reach(candidate, dialed)) {
                continue;
            }
            reached++;
            progress.advanced("Asking peers", asked.size(), asked.size() + candidates.size());
            broughtBack.addAll(bringBackDeleted(keys, peer));
            try (HolderLinks links = HolderLinks.open(streams, keys, List.of(peer), PeerId::shortForm)) {
                if (links.online().isEmpty()) {
                    continue;
                }
                HolderLink link = links.link(peer).orElseThrow();
                List<BlobId> rootIds = link.listAll(BackupWire.ROOT);
                List<BlobId> chunks = link.listAll(BackupWire.DATA);
                if (rootIds.isEmpty() && chunks.isEmpty()) {
                    continue;
                }
                holders.add(peer); // a holder that lost the records (its store, say) and had copies made again holds chunks only
                for (BlobId root : rootIds) {
                    Records.SnapshotRecord record = read(keys, link, root);
                    if (record != null && records.putIfAbsent(record.id(), record) == null) {
                        roots.put(record.id(), root);
                        for (Records.HolderAddress holder : record.holders()) {
                            candidates.add(new Candidate(SetDefinition.peerOf(holder.peer()), List.of(holder.address())));
                        }
                    }
                }
                for (BlobId chunk : chunks) {
                    copies.computeIfAbsent(chunk, any -> new HashSet<>()).add(peer);
                }
            } catch (IOException e) {
                System.getLogger(Recovery.class.getName()).log(System.Logger.Level.INFO, "{0} could not help recover: {1}",
                        peer.shortForm(), e.getMessage());
            }
        }
        dialed.stream().filter(peer -> !holders.contains(peer)).forEach(streams::release);
        if (records.isEmpty()) {
            throw new BackupException((reached == 0 ? "This node is connected to no peer and hears none on the local network."
                    : "None of the " + reached + " peers asked (those connected, and those heard on the local network) holds a backup"
                            + " for this phrase.")
                    + (named.isEmpty() ? "" : " The " + Counts.of(named.size(), "holder") + " the recovery file names"
                            + " could not be reached where they were, or hold nothing for it any more.")
                    + " Connect to one of the peers that held your backups (peerdesk connect PEERID@HOST:PORT, or an invite code"
                    + " from its owner)" + (named.isEmpty() ? ", or give the recovery file" : "") + ", then try again.");
        }
        Found found = adopt(keys, records, roots, holders, copies, broughtBack);
        holders.forEach(streams::keep);
        return found;
    }

    /**
     * Asks the peer to bring back what it kept of the vault after its owner deleted it: a lost machine may have been taken
     * over and made to delete its backups, and a recovery brings back all that can be. On a link of its own, so that a
     * peer that does not know the request (or holds nothing) costs the recovery nothing. Answers the snapshot records
     * among what came back.
     */
    private List<BlobId> bringBackDeleted(VaultKeys keys, PeerId peer) throws InterruptedException {
        try (HolderLinks links = HolderLinks.open(streams, keys, List.of(peer), PeerId::shortForm)) {
            return links.online().isEmpty() ? List.of() : HolderLink.await(links.link(peer).orElseThrow().undelete());
        } catch (IOException e) {
            System.getLogger(Recovery.class.getName()).log(System.Logger.Level.DEBUG, "{0} brought nothing back: {1}",
                    peer.shortForm(), e.getMessage());
            return List.of();
        }
    }

    /** Whether the candidate is connected, or could be connected to at one of its addresses (then counted as dialed). */
    private boolean reach(Candidate candidate, Set<PeerId> dialed) {
        if (streams.connected(candidate.peer())) {
            return true;
        }
        boolean connected = candidate.addresses().stream().anyMatch(address -> streams.connect(candidate.peer(), address));
        if (connected) {
            dialed.add(candidate.peer());
        }
        return connected;
    }

    /** The snapshot record {@code root} names, as the holder at {@code link} has it; null where it has none, or one altered. */
    static Records.SnapshotRecord read(VaultKeys keys, HolderLink link, BlobId root) throws IOException, InterruptedException {
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

    /**
     * Adds a snapshot the holders have and this node's catalog does not: its record, and the chunks it needs (read from its
     * tree), so that it restores, verifies and prunes as one this node made. Returns it.
     */
    static Snapshot adoptSnapshot(Catalog catalog, Fetcher fetcher, Records.SnapshotRecord record, BlobId root)
            throws BackupException, InterruptedException {
        Set<BlobId> needs = new HashSet<>(record.tree());
        try {
            Records.decodeTree(fetcher.fetchAll(record.tree())).forEach(entry -> needs.addAll(entry.chunks()));
        } catch (IOException e) {
            throw new BackupException("The tree of snapshot " + record.id() + " could not be read: " + e.getMessage(), e);
        }
        Snapshot snapshot = new Snapshot(record.id(), record.set().name(), Instant.ofEpochMilli(record.timeMillis()),
                record.files(), record.bytes(), record.uploadedBytes(), 0);
        catalog.saveSnapshot(new Catalog.SnapshotRow(snapshot, root, record.tree()), needs, null, Map.of());
        return snapshot;
    }

    /**
     * Makes what was found this node's: the secret, each set as its newest record has it, the snapshots with their chunks;
     * {@code broughtBack} are the records holders kept after the lost machine deleted them.
     */
    private Found adopt(VaultKeys keys, Map<String, Records.SnapshotRecord> records, Map<String, BlobId> roots,
            Set<PeerId> holders, Map<BlobId, Set<PeerId>> copies, Set<BlobId> broughtBack) throws BackupException, InterruptedException {
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
            catalog.recordRun(newest.set().name(), Instant.ofEpochMilli(newest.timeMillis()), Optional.empty());
        }
        int done = 0;
        try (HolderLinks links = HolderLinks.open(streams, keys, holders, PeerId::shortForm)) {
            Fetcher fetcher = new Fetcher(keys, links, copies);
            for (Records.SnapshotRecord record : records.values()) {
                progress.advanced("Reading snapshots", ++done, records.size());
                if (!catalog.hasSnapshot(record.id())) {
                    adoptSnapshot(catalog, fetcher, record, roots.get(record.id()));
                }
            }
        }
        int deletedBefore = (int) roots.values().stream().filter(broughtBack::contains).count();
        return new Found(List.copyOf(newestPerSet.keySet()), records.size(), deletedBefore, List.copyOf(holders));
    }
}
