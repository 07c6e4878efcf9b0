package org.peerdesk.backup.core;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.VerifyReport;
import org.peerdesk.core.PeerId;

/**
 * Checks that the holders still hold a set's chunks, and repairs what they do not. Each holder gets
 * the same fresh nonce and answers SHA-256 over it and each stored blob. Blobs of a chunk are the
 * same everywhere, so two holders that agree prove each other (and a sample of such chunks is
 * fetched anyway); a lone or disputed answer is settled by fetching the blob and authenticating it. Missing and corrupt copies, and chunks with fewer
 * copies than the set asks for, are copied again from a good blob to holders that lack it. The snapshot records, which a run
 * leaves on every holder so that a recovery through any one of them finds every snapshot, are put back where they went
 * missing (with a lost store, say), copied from a holder that has them, or, where no holder has one any more, written
 * again from what the catalog here keeps of its snapshot; they count as copies missing and made again.
 */
final class Verification {

    private final Catalog catalog;
    private final SetDefinition set;
    private final HolderLinks links;
    private final Fetcher fetcher;
    private final Uploader uploader;
    private final Map<BlobId, Set<PeerId>> copies;
    private final Function<PeerId, String> names;
    private final Function<BlobId, Optional<byte[]>> rewritten;
    private final BackupProgress progress;
    /**
     * Holders that agree vouch for each other; one chunk in this many is fetched and authenticated
     * all the same, so that holders cannot agree on answers without the bytes for long unnoticed.
     */
    private static final int SPOT_CHECK_ONE_IN = 32;

    private final SecureRandom random = new SecureRandom();
    private final List<String> problems = new ArrayList<>();
    private int proven;
    private int missing;
    private int corrupt;

    /**
     * A check of {@code set}'s copies; {@code rewritten} gives a snapshot record sealed anew from the catalog, by its blob's
     * ID, for one that no holder has any more.
     */
    Verification(Catalog catalog, SetDefinition set, HolderLinks links, Fetcher fetcher, Uploader uploader,
            Map<BlobId, Set<PeerId>> copies, Function<PeerId, String> names, Function<BlobId, Optional<byte[]>> rewritten,
            BackupProgress progress) {
        this.catalog = catalog;
        this.set = set;
        this.links = links;
        this.fetcher = fetcher;
        this.uploader = uploader;
        this.copies = copies;
        this.names = names;
        this.rewritten = rewritten;
        this.progress = progress;
    }

    /** Checks and repairs the copies of {@code needed}, and the records of the snapshots whose roots are {@code records}. */
    VerifyReport verify(Set<BlobId> needed, List<BlobId> records) throws BackupException, InterruptedException {
        List<PeerId> holders = set.holderIds();
        byte[] nonce = new byte[BackupWire.NONCE_BYTES];
        random.nextBytes(nonce);
        Map<BlobId, Map<PeerId, Optional<byte[]>>> answers = ask(holders, needed, nonce);
        int expected = 0;
        int checked = 0;
        for (BlobId chunk : needed) {
            if (progress.cancelled()) {
                throw new BackupException("Cancelled; copies repaired so far stay.");
            }
            Set<PeerId> claimed = holdersOf(chunk, holders);
            expected += claimed.size();
            settle(chunk, answers.getOrDefault(chunk, Map.of()), nonce);
            progress.advanced("Verifying", ++checked, needed.size());
        }
        uploader.finish();
        int repaired = uploader.acknowledged() + putBackRecords(holders, records, nonce);
        for (BlobId chunk : needed) {
            if (uploader.copiesOf(chunk) < set.copies() && uploader.isHeld(chunk)) {
                problems.add("chunk " + chunk + " has " + uploader.copiesOf(chunk) + " of " + set.copies() + " copies");
            }
        }
        holders.stream().filter(holder -> links.link(holder).isEmpty())
                .forEach(holder -> problems.add(names.apply(holder) + " is offline: its copies were not checked"));
        problems.addAll(fetcher.problems());
        return new VerifyReport(needed.size(), expected, proven, missing, corrupt, repaired, problems);
    }

    /**
     * Puts each snapshot record on the online holders that cannot prove they hold it, from one that can; returns how many
     * went back. A proof, not a listing: a holder whose pack files were lost still lists what its index names.
     */
    private int putBackRecords(List<PeerId> holders, List<BlobId> records, byte[] nonce) throws InterruptedException {
        Map<HolderLink, Set<BlobId>> held = new HashMap<>();
        for (PeerId holder : holders) {
            Optional<HolderLink> link = links.link(holder);
            if (link.isEmpty()) {
                continue;
            }
            try {
                Set<BlobId> proven = new HashSet<>();
                for (int from = 0; from < records.size(); from += BackupWire.MAX_IDS) {
                    List<BlobId> page = records.subList(from, Math.min(records.size(), from + BackupWire.MAX_IDS));
                    List<Optional<byte[]>> proofs = HolderLink.await(link.get().prove(nonce, page));
                    for (int i = 0; i < page.size(); i++) {
                        if (proofs.get(i).isPresent()) {
                            proven.add(page.get(i));
                        }
                    }
                }
                held.put(link.get(), proven);
            } catch (IOException e) {
                problems.add(names.apply(holder) + " did not answer for its snapshot records: " + e.getMessage());
            }
        }
        int putBack = 0;
        for (BlobId record : records) {
            List<HolderLink> lacking = held.keySet().stream().filter(link -> !held.get(link).contains(record)).toList();
            if (lacking.isEmpty()) {
                continue;
            }
            missing += lacking.size();
            Optional<byte[]> blob = recordFrom(held.keySet().stream().filter(link -> held.get(link).contains(record)).toList(), record)
                    .or(() -> rewritten.apply(record));
            if (blob.isEmpty()) {
                problems.add("a snapshot record is on no holder online, and this node no longer knows its snapshot to write it again");
                continue;
            }
            for (HolderLink link : lacking) {
                try {
                    if (HolderLink.await(link.put(BackupWire.ROOT, record, blob.get())).stored()) {
                        putBack++;
                    }
                } catch (IOException e) {
                    problems.add("could not put a snapshot record back on " + names.apply(link.holder()) + ": " + e.getMessage());
                }
            }
        }
        return putBack;
    }

    private Optional<byte[]> recordFrom(List<HolderLink> having, BlobId record) throws InterruptedException {
        for (HolderLink link : having) {
            try {
                Optional<byte[]> blob = HolderLink.await(link.get(record));
                if (blob.isPresent()) {
                    return blob;
                }
            } catch (IOException e) {
                // another holder may have it
            }
        }
        return Optional.empty();
    }

    private Set<PeerId> holdersOf(BlobId chunk, List<PeerId> holders) {
        Set<PeerId> at = copies.getOrDefault(chunk, Set.of());
        synchronized (at) {
            Set<PeerId> claimed = new HashSet<>(at);
            claimed.retainAll(holders);
            return claimed;
        }
    }

    /** Every online holder's proofs for the chunks the catalog places there. */
    private Map<BlobId, Map<PeerId, Optional<byte[]>>> ask(List<PeerId> holders, Set<BlobId> needed, byte[] nonce)
            throws BackupException, InterruptedException {
        Map<BlobId, Map<PeerId, Optional<byte[]>>> answers = new HashMap<>();
        for (PeerId holder : holders) {
            Optional<HolderLink> link = links.link(holder);
            if (link.isEmpty()) {
                continue;
            }
            List<BlobId> ids = needed.stream().filter(chunk -> holdersOf(chunk, holders).contains(holder)).toList();
            List<CompletableFuture<List<Optional<byte[]>>>> pages = new ArrayList<>();
            try {
                for (int from = 0; from < ids.size(); from += BackupWire.MAX_IDS) {
                    pages.add(link.get().prove(nonce, ids.subList(from, Math.min(ids.size(), from + BackupWire.MAX_IDS))));
                }
                int at = 0;
                for (CompletableFuture<List<Optional<byte[]>>> page : pages) {
                    for (Optional<byte[]> proof : HolderLink.await(page)) {
                        answers.computeIfAbsent(ids.get(at++), any -> new HashMap<>()).put(holder, proof);
                    }
                }
            } catch (IOException e) {
                problems.add(names.apply(holder) + " did not answer: " + e.getMessage());
            }
        }
        return answers;
    }

    /** Decides which answers are good, counts the rest, and sends the chunk again where it is needed. */
    private void settle(BlobId chunk, Map<PeerId, Optional<byte[]>> answers, byte[] nonce) throws BackupException, InterruptedException {
        byte[] good = agreed(answers);
        Fetcher.Found found = null;
        boolean spotCheck = random.nextInt(SPOT_CHECK_ONE_IN) == 0;
        if (good == null || spotCheck || uploader.copiesOf(chunk) < set.copies() || answers.values().stream().anyMatch(Optional::isEmpty)) {
            try {
                found = HolderLink.await(fetcher.fetchSealed(chunk));
                good = VaultKeys.sha256(nonce, found.blob());
            } catch (IOException e) {
                found = null;
            }
        }
        for (Map.Entry<PeerId, Optional<byte[]>> answer : answers.entrySet()) {
            PeerId holder = answer.getKey();
            if (answer.getValue().isPresent() && good != null && Arrays.equals(answer.getValue().get(), good)) {
                proven++;
                continue;
            }
            if (answer.getValue().isEmpty()) {
                missing++;
            } else {
                corrupt++;
                problems.add(names.apply(holder) + " holds a corrupt copy of chunk " + chunk);
            }
            catalog.removeCopy(chunk, holder);
            Set<PeerId> at = copies.get(chunk);
            synchronized (at) {
                at.remove(holder);
            }
        }
        if (found == null && good == null) {
            problems.add("chunk " + chunk + " has no good copy on any holder online; back up its files again");
            return;
        }
        if (found != null && uploader.copiesOf(chunk) < set.copies()) {
            try {
                uploader.placeBlob(BackupWire.DATA, chunk, found.blob(), set.copies() - uploader.copiesOf(chunk));
            } catch (IOException e) {
                problems.add("could not copy chunk " + chunk + " again: " + e.getMessage());
            }
        }
    }

    /** The answer at least two holders gave, if any. */
    private static byte[] agreed(Map<PeerId, Optional<byte[]>> answers) {
        List<byte[]> given = answers.values().stream().flatMap(Optional::stream).toList();
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                if (Arrays.equals(given.get(i), given.get(j))) {
                    return given.get(i);
                }
            }
        }
        return null;
    }
}
