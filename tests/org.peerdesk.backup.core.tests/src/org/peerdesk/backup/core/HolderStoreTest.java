package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.testing.SettableClock;

/** Packs on a holder's disk: blobs in them are read back as stored, and no pack grows past its size. */
class HolderStoreTest {

    private static final long PACK_BYTES = 10_000;
    private static final Duration AT_ONCE = Duration.ZERO;
    private static final Duration WEEK = Duration.ofDays(7);
    private static final String VAULT = "ab".repeat(32);
    private static final PeerId OWNER = PeerId.ofPublicKey("owner".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path temp;
    private H2Storage storage;
    private HolderStore store;
    private final Random random = new Random(3);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        storage = new H2Storage(DataDirectory.open(temp.resolve("node")));
        storage.migrate(BackupSchema.SCHEMA);
        store = new HolderStore(storage, temp.resolve("node/backup-store"), clock, PACK_BYTES);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void batchesOfOneBlobStartANewPackOnceTheNewestIsFull() throws Exception {
        List<HolderStore.Put> stored = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HolderStore.Put put = put(3000);
            assertEquals(List.of(HolderStore.Verdict.STORED), store.putAll(VAULT, OWNER, OptionalLong.empty(), List.of(put)));
            stored.add(put);
        }
        List<Long> sizes = packSizes();
        assertEquals(4, sizes.size(), "three blobs fit a pack: " + sizes);
        assertTrue(sizes.stream().allMatch(size -> size <= PACK_BYTES), "no pack past its size: " + sizes);
        for (HolderStore.Put put : stored) {
            assertArrayEquals(put.blob(), store.get(VAULT, put.id()).orElseThrow());
        }
    }

    @Test
    void aBlobLargerThanAPackHasOneToItself() throws Exception {
        HolderStore.Put small = put(100);
        HolderStore.Put large = put((int) PACK_BYTES * 3);
        store.putAll(VAULT, OWNER, OptionalLong.empty(), List.of(small, large, put(100)));
        assertEquals(List.of(100L, PACK_BYTES * 3, 100L), packSizes());
        assertArrayEquals(large.blob(), store.get(VAULT, large.id()).orElseThrow());
    }

    @Test
    void aPackLeftHoldingLessThanHalfIsRewrittenWithWhatItStillHolds() throws Exception {
        List<HolderStore.Put> stored = storeNine();
        store.delete(VAULT, List.of(stored.get(0).id(), stored.get(1).id()), AT_ONCE); // two of the first pack's three
        assertEquals(List.of(9000L, 9000L, 3000L), packSizes(), "the second and third packs as they were, what is left of the first"
                + " in a new one");
        assertFalse(Files.exists(pack(1)));
        for (HolderStore.Put kept : stored.subList(2, 9)) {
            assertArrayEquals(kept.blob(), store.get(VAULT, kept.id()).orElseThrow());
        }
        assertTrue(store.get(VAULT, stored.get(0).id()).isEmpty());
        assertEquals(7 * 3000L, store.vaults().get(0).bytes());
        byte[] nonce = {1, 2, 3};
        assertArrayEquals(VaultKeys.sha256(nonce, stored.get(2).blob()),
                store.prove(VAULT, nonce, List.of(stored.get(2).id())).get(0).orElseThrow(), "its proof reads it where it went");
    }

    @Test
    void aPackStillHoldingHalfOrMoreStaysAsItIs() throws Exception {
        List<HolderStore.Put> stored = storeNine();
        List<Long> before = packSizes();
        store.delete(VAULT, List.of(stored.get(3).id()), AT_ONCE); // one of the second pack's three
        assertEquals(before, packSizes());
        assertArrayEquals(stored.get(4).blob(), store.get(VAULT, stored.get(4).id()).orElseThrow());
    }

    @Test
    void aPackACrashLeftBehindGoesWithTheNextDeletion() throws Exception {
        List<HolderStore.Put> stored = storeNine();
        Path aside = Files.copy(pack(1), temp.resolve("pack-1"));
        store.delete(VAULT, stored.subList(0, 3).stream().map(HolderStore.Put::id).toList(), AT_ONCE);
        assertFalse(Files.exists(pack(1)), "a pack that holds nothing more is deleted");
        Files.copy(aside, pack(1)); // as if the node had stopped before deleting it
        store.delete(VAULT, List.of(stored.get(8).id()), AT_ONCE);
        assertFalse(Files.exists(pack(1)));
        assertArrayEquals(stored.get(4).blob(), store.get(VAULT, stored.get(4).id()).orElseThrow());
    }

    @Test
    void whatItsOwnerDeletesLeavesItsSightAndQuotaAtOnceAndTheDiskOnlyAfterTheKeepingTime() throws Exception {
        List<HolderStore.Put> stored = storeNine();
        List<BlobId> firstPack = stored.subList(0, 3).stream().map(HolderStore.Put::id).toList();
        assertEquals(9000L, store.delete(VAULT, firstPack, WEEK), "the bytes the owner's quota no longer counts");
        assertTrue(store.get(VAULT, firstPack.get(0)).isEmpty());
        assertEquals(List.of(), store.prove(VAULT, new byte[] {1}, firstPack).stream().flatMap(Optional::stream).toList());
        assertEquals(6, store.list(VAULT, BackupWire.DATA, new BlobId(new byte[VaultKeys.ID_BYTES]), 100).size());
        assertEquals(List.of(6 * 3000L, 9000L), List.of(store.vaults().get(0).bytes(), store.vaults().get(0).keptDeleted()));
        assertEquals(6 * 3000L, store.usage(OWNER));
        assertEquals(List.of(9000L, 9000L, 9000L), packSizes(), "the disk holds all of it still");

        clock.advance(WEEK.minusMinutes(1));
        assertEquals(0, store.purge(WEEK));
        assertTrue(Files.exists(pack(1)));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(3, store.purge(WEEK));
        assertFalse(Files.exists(pack(1)), "a week on, the pack it filled goes");
        assertEquals(List.of(6 * 3000L, 0L), List.of(store.vaults().get(0).bytes(), store.vaults().get(0).keptDeleted()));
        assertArrayEquals(stored.get(4).blob(), store.get(VAULT, stored.get(4).id()).orElseThrow());
    }

    @Test
    void whatAnOwnerDeletedIsFreeUpToItsQuotaThenCountsSoThatStoringAndDeletingOverAndOverIsBounded() throws Exception {
        OptionalLong quota = OptionalLong.of(10_000);
        List<HolderStore.Put> first = List.of(put(3000), put(3000), put(3000));
        assertEquals(List.of(HolderStore.Verdict.STORED, HolderStore.Verdict.STORED, HolderStore.Verdict.STORED),
                store.putAll(VAULT, OWNER, quota, first));
        store.delete(VAULT, first.stream().map(HolderStore.Put::id).toList(), WEEK);
        assertEquals(0L, store.counted(OWNER, quota), "a prune costs no room while what it deleted fits in the quota");
        List<HolderStore.Put> second = List.of(put(3000), put(3000), put(3000));
        store.putAll(VAULT, OWNER, quota, second);
        store.delete(VAULT, second.stream().map(HolderStore.Put::id).toList(), WEEK);
        assertEquals(18_000L, store.keptDeleted(OWNER));
        assertEquals(8_000L, store.counted(OWNER, quota), "what is kept past the quota counts");

        List<HolderStore.Verdict> verdicts = store.putAll(VAULT, OWNER, quota, List.of(put(2000), put(1000)));
        assertEquals(HolderStore.Verdict.STORED, verdicts.get(0));
        assertEquals(BackupWire.FULL, verdicts.get(1).code());
        assertTrue(verdicts.get(1).reason().contains("2000 used, and 8000 more: what you deleted, which it keeps a while in case a"
                + " recovery needs it, counts once it passes the quota"), verdicts.get(1).reason());
        assertEquals(10_000L, store.counted(OWNER, quota));
        assertEquals(2_000L, store.counted(OWNER, OptionalLong.empty()), "without a quota, only what it stores");

        clock.advance(WEEK.plusMinutes(1));
        store.purge(WEEK);
        assertEquals(List.of(0L, 2_000L), List.of(store.keptDeleted(OWNER), store.counted(OWNER, quota)), "a week on, the room is back");
        assertEquals(List.of(HolderStore.Verdict.STORED), store.putAll(VAULT, OWNER, quota, List.of(put(1000))));
    }

    @Test
    void anUndeleteBringsBackAllThatIsKeptAndAPutBringsBackWhatItStores() throws Exception {
        List<HolderStore.Put> stored = storeNine();
        store.delete(VAULT, stored.stream().map(HolderStore.Put::id).toList(), WEEK); // all of it, as a machine taken over would
        assertEquals(0L, store.usage(OWNER));

        assertEquals(List.of(HolderStore.Verdict.STORED), store.putAll(VAULT, OWNER, OptionalLong.of(3000), List.of(stored.get(8))),
                "storing a kept blob again brings it back, within the quota, writing nothing");
        assertEquals(List.of(9000L, 9000L, 9000L), packSizes());
        assertArrayEquals(stored.get(8).blob(), store.get(VAULT, stored.get(8).id()).orElseThrow());
        assertEquals(3000L, store.usage(OWNER));

        clock.advance(Duration.ofDays(6));
        assertEquals(List.of(), store.undelete(VAULT), "the eight it brought back are chunks, no snapshot record");
        for (HolderStore.Put put : stored) {
            assertArrayEquals(put.blob(), store.get(VAULT, put.id()).orElseThrow());
        }
        assertEquals(List.of(9 * 3000L, 0L), List.of(store.vaults().get(0).bytes(), store.vaults().get(0).keptDeleted()));
        clock.advance(Duration.ofDays(2));
        assertEquals(0, store.purge(WEEK), "what came back is no longer deleted");
        assertEquals(List.of(), store.undelete(VAULT));
        assertEquals(9 * 3000L, store.usage(OWNER), "nothing more came back");
    }

    @Test
    void withNoKeepingTimeADeletionFreesTheDiskAtOnce() throws Exception {
        List<HolderStore.Put> stored = storeNine();
        store.delete(VAULT, stored.subList(0, 3).stream().map(HolderStore.Put::id).toList(), AT_ONCE);
        assertFalse(Files.exists(pack(1)));
        assertEquals(List.of(), store.undelete(VAULT), "nothing is kept to bring back");
        assertEquals(6 * 3000L, store.usage(OWNER));
    }

    /** Nine blobs of 3,000 bytes, three to a pack. */
    private List<HolderStore.Put> storeNine() throws Exception {
        List<HolderStore.Put> stored = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            stored.add(put(3000));
        }
        store.putAll(VAULT, OWNER, OptionalLong.empty(), stored);
        assertEquals(List.of(9000L, 9000L, 9000L), packSizes());
        return stored;
    }

    private Path pack(int number) {
        return temp.resolve("node/backup-store").resolve(VAULT).resolve(String.format("%08d.pack", number));
    }

    private HolderStore.Put put(int size) {
        byte[] id = new byte[VaultKeys.ID_BYTES];
        byte[] blob = new byte[size];
        random.nextBytes(id);
        random.nextBytes(blob);
        return new HolderStore.Put(BackupWire.DATA, new BlobId(id), blob);
    }

    private List<Long> packSizes() throws Exception {
        try (Stream<Path> packs = Files.list(temp.resolve("node/backup-store").resolve(VAULT))) {
            return packs.sorted().map(pack -> pack.toFile().length()).toList();
        }
    }
}
