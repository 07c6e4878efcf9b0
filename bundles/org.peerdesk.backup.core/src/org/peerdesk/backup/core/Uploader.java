package org.peerdesk.backup.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;

import org.peerdesk.backup.BackupException;
import org.peerdesk.core.PeerId;

/**
 * Places chunks on holders until each has the copies its set asks for: skips what is already held,
 * picks holders by {@link Placement}, seals each chunk once, and when a holder is full or refuses,
 * tries the next one. Copies the holders acknowledged go to the catalog about once a second while
 * the run goes on, so a run that is killed leaves them known and the next run does not send them again.
 */
final class Uploader {

    /**
     * How often acknowledged copies are written to the catalog. Chunk IDs are random, so each commit
     * rewrites most of the catalog's index pages however few copies it adds: writing every 256 copies
     * cost the owner more CPU than sending them.
     */
    private static final long LEDGER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int LEDGER_MAX = 16_384;

    private final Catalog catalog;
    private final HolderLinks links;
    private final List<PeerId> holders;
    private final int copies;
    private final ExecutorService workers;
    private final Map<BlobId, Set<PeerId>> held;
    private final Map<BlobId, Set<PeerId>> sending = new ConcurrentHashMap<>();
    /** Holders that were full, refused or failed a chunk in this run: they get no more. */
    private final Set<PeerId> passedOver = ConcurrentHashMap.newKeySet();
    private final Map<PeerId, String> refusals = new ConcurrentHashMap<>();
    private final List<Catalog.Copy> ledger = new ArrayList<>();
    private long ledgerWritten = System.nanoTime();
    private final Phaser outstanding = new Phaser(1);
    private long uploadedBytes;
    private int acknowledged;

    /** {@code held}: what the catalog says each chunk has; updated as copies are acknowledged. */
    Uploader(Catalog catalog, HolderLinks links, List<PeerId> holders, int copies, Map<BlobId, Set<PeerId>> held, ExecutorService workers) {
        this.catalog = catalog;
        this.links = links;
        this.holders = List.copyOf(holders);
        this.copies = copies;
        this.held = held;
        this.workers = workers;
    }

    /** How many of the set's holders hold {@code chunk} (copies elsewhere do not count). */
    int copiesOf(BlobId chunk) {
        Set<PeerId> at = held.get(chunk);
        if (at == null) {
            return 0;
        }
        synchronized (at) {
            return (int) at.stream().filter(holders::contains).count();
        }
    }

    boolean isHeld(BlobId chunk) {
        return copiesOf(chunk) > 0;
    }

    /** Sends the chunk to as many more holders as it needs; returns at once, the sending goes on. */
    void place(byte kind, BlobId id, byte[] data, int offset, int length, VaultKeys keys) throws IOException, InterruptedException {
        int missing = copies - copiesOf(id) - sending.getOrDefault(id, Set.of()).size();
        if (missing <= 0) {
            return;
        }
        byte[] blob = keys.seal(id.bytes(), data, offset, length);
        placeBlob(kind, id, blob, missing);
    }

    /** Sends a blob already sealed (a copy being repaired) to holders that do not have it. */
    void placeBlob(byte kind, BlobId id, byte[] blob, int count) throws IOException, InterruptedException {
        Set<PeerId> excluded = new HashSet<>(passedOver);
        Set<PeerId> heldBy = held.get(id);
        if (heldBy != null) {
            synchronized (heldBy) {
                excluded.addAll(heldBy);
            }
        }
        excluded.addAll(sending.getOrDefault(id, Set.of()));
        for (PeerId holder : Placement.choose(id, links.online(), excluded, count)) {
            send(kind, id, blob, holder);
        }
    }

    private void send(byte kind, BlobId id, byte[] blob, PeerId holder) throws IOException, InterruptedException {
        HolderLink link = links.link(holder).orElse(null);
        if (link == null) {
            return;
        }
        sending.computeIfAbsent(id, any -> ConcurrentHashMap.newKeySet()).add(holder);
        outstanding.register();
        link.put(kind, id, blob).whenComplete((verdict, failure) -> {
            try {
                if (verdict != null && verdict.stored()) {
                    acknowledged(id, holder, blob.length);
                } else {
                    refusals.put(holder, failure != null ? failure.getMessage() : verdict.reason());
                    passedOver.add(holder);
                    sending.get(id).remove(holder);
                    outstanding.register();
                    workers.execute(() -> retryElsewhere(kind, id, blob));
                    return;
                }
                sending.get(id).remove(holder);
            } finally {
                outstanding.arriveAndDeregister();
            }
        });
    }

    private void retryElsewhere(byte kind, BlobId id, byte[] blob) {
        int missing = copies - copiesOf(id) - sending.getOrDefault(id, Set.of()).size();
        try {
            if (missing > 0) {
                placeBlob(kind, id, blob, missing);
            }
        } catch (IOException e) {
            System.getLogger(Uploader.class.getName()).log(System.Logger.Level.WARNING, "Could not place chunk {0} elsewhere: {1}",
                    id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            outstanding.arriveAndDeregister();
        }
    }

    private void acknowledged(BlobId id, PeerId holder, int blobSize) {
        Set<PeerId> at = held.computeIfAbsent(id, any -> new HashSet<>(4));
        synchronized (at) {
            at.add(holder);
        }
        List<Catalog.Copy> batch = null;
        synchronized (ledger) {
            uploadedBytes += blobSize;
            acknowledged++;
            ledger.add(new Catalog.Copy(id, holder, blobSize));
            if (ledger.size() >= LEDGER_MAX || System.nanoTime() - ledgerWritten >= LEDGER_NANOS) {
                batch = takeLedger();
            }
        }
        if (batch != null) {
            try {
                catalog.addCopies(batch);
            } catch (BackupException e) {
                synchronized (ledger) {
                    ledger.addAll(batch);
                }
            }
        }
    }

    /** Waits until every chunk sent has its answer, then writes the remaining acknowledged copies to the catalog. */
    void finish() throws BackupException, InterruptedException {
        outstanding.awaitAdvanceInterruptibly(outstanding.arrive());
        flush();
    }

    /** Writes the acknowledged copies not yet in the catalog (also when a run stops early). */
    void flush() throws BackupException {
        List<Catalog.Copy> batch;
        synchronized (ledger) {
            batch = takeLedger();
        }
        catalog.addCopies(batch);
    }

    /** Empties the ledger into a batch to write; the caller holds its lock. */
    private List<Catalog.Copy> takeLedger() {
        List<Catalog.Copy> batch = new ArrayList<>(ledger);
        ledger.clear();
        ledgerWritten = System.nanoTime();
        return batch;
    }

    long uploadedBytes() {
        synchronized (ledger) {
            return uploadedBytes;
        }
    }

    /** How many copies holders acknowledged so far. */
    int acknowledged() {
        synchronized (ledger) {
            return acknowledged;
        }
    }

    /** Why holders stopped taking chunks during this run, by holder. */
    Map<PeerId, String> refusals() {
        return Map.copyOf(refusals);
    }
}
