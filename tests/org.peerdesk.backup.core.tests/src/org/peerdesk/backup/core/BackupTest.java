package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
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
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.PeerId;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.testing.SettableClock;
import org.peerdesk.transport.ProtocolId;

/** An owner backing up to three holders over in-memory streams: runs, dedup, restore, damage, repair, recovery, prune. */
class BackupTest {

    @TempDir
    Path temp;
    private TestNet net;
    private TestNode a;
    private TestNode b;
    private TestNode c;
    private TestNode d;
    private Path photos;
    private final ExecutorService rawServers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        net = new TestNet();
        a = new TestNode("a", temp.resolve("nodes"), net);
        b = new TestNode("b", temp.resolve("nodes"), net);
        c = new TestNode("c", temp.resolve("nodes"), net);
        d = new TestNode("d", temp.resolve("nodes"), net);
        photos = Folders.fill(Files.createDirectories(temp.resolve("home/photos")), 1);
        a.backUp("photos", photos, 2, b, c, d);
    }

    @AfterEach
    void stop() {
        for (TestNode node : List.of(a, b, c, d)) {
            node.close();
        }
        net.close();
        rawServers.shutdownNow();
    }

    @Test
    void everyChunkOnTwoHoldersAndTheRestoreIsIdentical() throws Exception {
        Snapshot snapshot = a.run("photos");

        assertEquals(23, snapshot.files());
        assertEquals(0, snapshot.underCopied());
        Health health = a.backups.health("photos");
        assertEquals(health.chunks(), health.fullyCopied());
        assertEquals(2L * health.chunks(), health.holders().stream().mapToLong(Health.Holder::chunks).sum());
        assertTrue(health.holders().stream().allMatch(holder -> holder.chunks() > 0), "chunks spread over all three holders");
        RestoreResult restored = a.backups.restore("photos", "latest", "", temp.resolve("restored"), BackupProgress.NONE);
        assertEquals(List.of(), restored.problems());
        assertEquals(Folders.describe(photos), Folders.describe(temp.resolve("restored/photos")));
    }

    @Test
    void aSnapshotsFolderListsFoldersFirstThenNamesWithTheirNumbersInOrder() throws Exception {
        a.run("photos");
        List<String> notes = IntStream.range(0, 20).mapToObj(i -> "note-" + i + ".txt").toList();
        assertEquals(Stream.concat(Stream.of("deep"), notes.stream()).toList(),
                a.backups.list("photos", "latest", "photos/docs").stream().map(SnapshotEntry::name).toList());
        assertEquals(List.of("photos/docs/note-2.txt"),
                a.backups.list("photos", "latest", "photos/docs/note-2.txt").stream().map(SnapshotEntry::path).toList(), "a file, alone");
        assertEquals("There is nothing at 'docs' in that snapshot of 'photos'; at its top: photos.",
                assertThrows(BackupException.class, () -> a.backups.list("photos", "latest", "docs")).getMessage());
    }

    @Test
    void aRestoreIntoAFileIsRefusedBeforeAnythingIsFetched() throws Exception {
        a.run("photos");
        Path file = Files.writeString(temp.resolve("notes.txt"), "mine");
        assertEquals("Cannot restore into " + file.resolve("photos") + ": " + file + " is a file. Name a folder (it is made if missing).",
                assertThrows(BackupException.class, () -> a.backups.restore("photos", "latest", "", file.resolve("photos"), BackupProgress.NONE))
                        .getMessage());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void linksLeftInTheTargetLeadNothingOutsideItAndAFileInAFoldersPlaceStopsTheRestore() throws Exception {
        a.run("photos");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path precious = Files.writeString(temp.resolve("precious.txt"), "keep me");
        Path target = Files.createDirectories(temp.resolve("restored/photos"));
        Files.createSymbolicLink(target.resolve("docs"), elsewhere);
        Files.createSymbolicLink(target.resolve(".big.bin" + org.peerdesk.core.IgnoreRules.PART_SUFFIX), precious);

        assertEquals(Folders.describe(photos), restoreAll("restored"));
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertEquals(List.of(), written.toList());
        }
        assertEquals("keep me", Files.readString(precious));

        Path blocked = Files.createDirectories(temp.resolve("blocked/photos"));
        Files.writeString(blocked.resolve("docs"), "a file of the user's");
        BackupException stopped = assertThrows(BackupException.class,
                () -> a.backups.restore("photos", "latest", "", temp.resolve("blocked"), BackupProgress.NONE));
        assertTrue(stopped.getMessage().contains(blocked.resolve("docs").toString()), stopped.getMessage());
        assertEquals("a file of the user's", Files.readString(blocked.resolve("docs")));
    }

    @Test
    void holdersSeeNoNamesAndNoPlainContent() throws Exception {
        Files.writeString(photos.resolve("secret-name.txt"), "the plain text nobody else may read ".repeat(100));
        a.run("photos");

        for (TestNode holder : List.of(b, c, d)) {
            try (Stream<Path> files = Files.walk(holder.store())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(file.toString().contains("secret"), file.toString());
                    assertFalse(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains("plain text"));
                }
            }
        }
    }

    @Test
    void anUnchangedRunUploadsNothingAndAnInsertionOnlyNearbyChunks() throws Exception {
        Snapshot first = a.run("photos");
        Snapshot unchanged = a.run("photos");
        assertTrue(first.uploadedBytes() > 2L * (6 << 20), "two copies of everything: " + first.uploadedBytes());
        assertEquals(0, unchanged.uploadedBytes());

        byte[] big = Files.readAllBytes(photos.resolve("big.bin"));
        byte[] inserted = new byte[big.length + 100];
        System.arraycopy(big, 0, inserted, 0, 3 << 20);
        System.arraycopy(big, 3 << 20, inserted, (3 << 20) + 100, big.length - (3 << 20));
        Files.write(photos.resolve("big.bin"), inserted);
        Snapshot edited = a.run("photos");

        assertTrue(edited.uploadedBytes() < 2L * 3 * Chunker.AVERAGE, "only the chunks around the insertion: " + edited.uploadedBytes());
        SnapshotDiff diff = a.backups.diff("photos", first.id(), edited.id());
        assertEquals(List.of("photos/big.bin"), diff.changed());
        assertEquals(List.of(), diff.added());

        Files.createDirectories(photos.resolve("2026/summer"));
        Files.writeString(photos.resolve("2026/summer/beach.txt"), "sand");
        Files.createDirectories(photos.resolve("later"));
        SnapshotDiff grown = a.backups.diff("photos", edited.id(), a.run("photos").id());
        assertEquals(List.of("photos/2026/summer/beach.txt", "photos/later"), grown.added().stream().sorted().toList(),
                "the new folders that hold a new file are said by it; an empty one by itself");
    }

    @Test
    void aHolderOverItsQuotaIsPassedOverPolitely() throws Exception {
        b.quota.put(a.id, 1L << 20);
        Snapshot snapshot = a.run("photos");

        assertEquals(0, snapshot.underCopied(), "the chunks B could not take went to C and D");
        assertTrue(b.heldBytes() <= 1L << 20, "B stayed within its quota: " + b.heldBytes());
        assertEquals(Folders.describe(photos), restoreAll("after-quota"));
    }

    @Test
    void aHolderWithoutTheRightIsRefusedAndTheRunSaysWhy() throws Exception {
        for (TestNode holder : List.of(b, c, d)) {
            holder.mayStore.put(a.id, false);
        }
        BackupException refused = assertThrows(BackupException.class, () -> a.run("photos"));

        assertTrue(refused.getMessage().contains("store-backup"), refused.getMessage());
        assertFalse(b.refusals.isEmpty());
        assertEquals(List.of(), a.backups.snapshots("photos"));
    }

    @Test
    void eachHolderSaysWhetherItStoresAndHowMuchRoomItsQuotaLeaves() throws Exception {
        b.quota.put(a.id, 4L << 20);
        c.mayStore.put(a.id, false);
        net.setOnline(d, false);

        List<HolderAnswer> answers = a.backups.askHolders("photos");

        assertEquals(List.of(b.id, c.id, d.id), answers.stream().map(HolderAnswer::peer).toList(), "in the set's order");
        assertEquals(List.of(HolderAnswer.Kind.STORES, HolderAnswer.Kind.REFUSES, HolderAnswer.Kind.OFFLINE),
                answers.stream().map(HolderAnswer::kind).toList());
        long files;
        try (Stream<Path> walked = Files.walk(photos)) {
            files = walked.filter(file -> Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(file -> file.toFile().length()).sum();
        }
        HolderAnswer fromB = answers.get(0);
        assertEquals(OptionalLong.of((long) Math.ceil(files * 2 / 3.0)), fromB.share(), "two copies over three holders");
        assertTrue(fromB.shortOfRoom(), "B's 4 MiB are less than its share");
        assertEquals(b.id.shortForm() + " stores for you: 4.0 MiB free of the 4.0 MiB it granted, less than its share of this set (about "
                + ByteSizes.format(fromB.share().getAsLong()) + " before deduplication); ask it for more with: peerdesk request "
                + b.id.shortForm() + " backup store-backup --quota 5M, or add a holder", fromB.summary());
        assertEquals(c.id.shortForm() + " refuses: no grant of store-backup on backup; ask for it with: peerdesk request "
                + c.id.shortForm() + " backup store-backup", answers.get(1).summary());
        assertEquals(d.id.shortForm() + " is offline, so it was not asked", answers.get(2).summary());
        assertEquals(List.of(), c.refusals, "asking is no attempt to store: nothing for the holder's audit");

        net.setOnline(d, true);
        c.mayStore.remove(a.id);
        a.run("photos");
        HolderAnswer afterRun = a.backups.askHolders("photos").get(0);
        assertTrue(afterRun.used() > 0 && afterRun.used() <= 4L << 20, "what B holds for A: " + afterRun.used());
        assertEquals(OptionalLong.of((4L << 20) - afterRun.used()), afterRun.room());
        assertEquals(HolderAnswer.Kind.STORES, a.backups.askHolders("photos").get(1).kind(), "C granted it since");
        b.quota.put(a.id, 64L << 20);
        HolderAnswer roomy = a.backups.askHolders("photos").get(0);
        assertFalse(roomy.shortOfRoom());
        assertTrue(roomy.summary().endsWith(" it granted"), roomy.summary());
    }

    @Test
    void aScheduledSetThatFailedForWantOfAGrantRunsAsSoonAsAHolderGrantsItAndASetRunByHandWaits() throws Exception {
        a.backups.addSet("daily", List.of(photos), List.of(), List.of(b.id), 1, Optional.of(Duration.ofDays(1)));
        for (TestNode holder : List.of(b, c, d)) {
            holder.mayStore.put(a.id, false);
        }
        assertThrows(BackupException.class, () -> a.run("daily"));
        assertThrows(BackupException.class, () -> a.run("photos"));

        b.mayStore.remove(a.id);
        a.backups.runAfterGrant(b.id);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (a.backups.snapshots("daily").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, a.backups.snapshots("daily").size(), "the scheduled set ran without waiting for its next turn");
        assertEquals(List.of(), a.backups.snapshots("photos"), "a set run by hand waits to be asked");
    }

    @Test
    void alteredCopiesAreDetectedAndFetchedElsewhereThenRepaired() throws Exception {
        a.run("photos");
        int altered = 0;
        try (Stream<Path> files = Files.walk(b.store())) {
            for (Path blob : files.filter(Files::isRegularFile).toList()) {
                try (RandomAccessFile file = new RandomAccessFile(blob.toFile(), "rw")) {
                    file.seek(file.length() / 2);
                    int value = file.read();
                    file.seek(file.length() / 2);
                    file.write(value ^ 0xff);
                }
                altered++;
            }
        }
        assertTrue(altered > 0);

        assertEquals(Folders.describe(photos), restoreAll("despite-b"));
        VerifyReport report = a.backups.verify("photos", BackupProgress.NONE);
        assertTrue(report.corrupt() > 0, report.toString());
        assertEquals(report.corrupt(), report.repaired(), report.toString());
        VerifyReport again = a.backups.verify("photos", BackupProgress.NONE);
        assertTrue(again.healthy(), again.toString());
        assertEquals(again.copies(), again.proven());
    }

    @Test
    void aDeletedStoreIsReportedAndRepaired() throws Exception {
        a.run("photos");
        deleteTree(d.store());

        VerifyReport report = a.backups.verify("photos", BackupProgress.NONE);

        assertTrue(report.missing() > 0, report.toString());
        assertEquals(report.missing(), report.repaired(), report.toString());
        assertTrue(a.backups.verify("photos", BackupProgress.NONE).healthy());
        assertTrue(d.heldBytes() > 0, "D holds its share again");
    }

    @Test
    void aHolderThatLostTheSnapshotRecordsGetsThemBackFromVerifyAndIsFoundByARecoveryMeanwhile() throws Exception {
        a.run("photos");
        deleteTree(d.store()); // its index still names the record whose pack is gone: a listing would not tell
        String vault = d.backups.store.vaults().get(0).vault();
        BlobId first = new BlobId(new byte[VaultKeys.ID_BYTES]);

        VerifyReport report = a.backups.verify("photos", BackupProgress.NONE);

        assertEquals(report.missing(), report.repaired(), report.toString());
        List<BlobId> records = d.backups.store.list(vault, BackupWire.ROOT, first, 100);
        assertEquals(1, records.size());
        assertTrue(d.backups.store.get(vault, records.get(0)).isPresent(), "verify put the record back");
        for (BlobId root : d.backups.store.list(vault, BackupWire.ROOT, first, 100)) {
            d.backups.store.delete(vault, List.of(root), Duration.ZERO); // lost again, after the copies were made
        }
        String phrase = a.backups.recoveryPhrase();
        a.close();
        net.setOnline(a, false);
        try (TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net)) {
            Recovered recovered = fresh.backups.recover(phrase, Optional.empty(), BackupProgress.NONE);

            assertTrue(recovered.holders().stream().anyMatch(holder -> holder.peer().equals(d.id)), recovered.toString());
            Health health = fresh.backups.health("photos");
            assertTrue(health.holders().stream().anyMatch(holder -> holder.peer().equals(d.id) && holder.chunks() > 0), health.toString());
            assertEquals(0, health.underCopied() + health.lost(), "the copies made again on d count: " + health);
        }
    }

    @Test
    void aSnapshotRecordEveryHolderLostIsWrittenAgainFromTheCatalogAndARecoveryFindsItsSnapshot() throws Exception {
        Snapshot first = a.run("photos");
        Files.writeString(photos.resolve("later.txt"), "written after the first snapshot");
        Snapshot second = a.run("photos");
        BlobId start = new BlobId(new byte[VaultKeys.ID_BYTES]);
        for (TestNode holder : List.of(b, c, d)) { // every copy of every record gone; the chunks stay
            String vault = holder.backups.store.vaults().get(0).vault();
            holder.backups.store.delete(vault, holder.backups.store.list(vault, BackupWire.ROOT, start, 100), Duration.ZERO);
        }

        VerifyReport report = a.backups.verify("photos", BackupProgress.NONE);

        assertEquals(6, report.missing(), "two records, each missing on three holders: " + report);
        assertEquals(report.missing(), report.repaired(), report.toString());
        assertEquals(List.of(), report.problems());
        String phrase = a.backups.recoveryPhrase();
        a.close();
        net.setOnline(a, false);
        try (TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net)) {
            fresh.backups.recover(phrase, Optional.empty(), BackupProgress.NONE);

            assertEquals(Set.of(first.id(), second.id()), fresh.backups.snapshots("photos").stream().map(Snapshot::id)
                    .collect(Collectors.toSet()), "both snapshots are found again");
            RestoreResult restored = fresh.backups.restore("photos", first.id(), "", temp.resolve("first"), BackupProgress.NONE);
            assertEquals(List.of(), restored.problems());
            assertFalse(Files.exists(temp.resolve("first/photos/later.txt")), "the first snapshot, as it was");
            Files.delete(photos.resolve("later.txt"));
            assertEquals(Folders.describe(photos), Folders.describe(temp.resolve("first/photos")));
        }
    }

    @Test
    void theOwnerChecksTheCopiesByItselfOnceARunIsQuietThenWeeklyAndKeepsWhatTheCheckFound() throws Exception {
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)); // as the database keeps times
        try (TestNode owner = new TestNode("e", temp.resolve("nodes"), net, clock)) {
            owner.backUp("notes", Folders.fill(Files.createDirectories(temp.resolve("home/notes")), 2), 2, b, c);
            owner.run("notes");
            owner.backups.runDue();
            clock.advance(Duration.ofMinutes(1));
            owner.backups.runDue();
            assertEquals(Optional.empty(), notes(owner).lastCheck(), "not while a run is recent: the next might wait for it");

            deleteTree(c.store());
            clock.advance(Backups.QUIET);
            owner.backups.runDue();
            Instant firstCheck = clock.instant();
            awaitCheck(owner, firstCheck);
            assertEquals(Optional.empty(), notes(owner).checkProblem(), "what C lost was found and copied again");
            assertTrue(c.heldBytes() > 0);

            net.setOnline(c, false);
            clock.advance(BackupSet.CHECK_EVERY.minusSeconds(1));
            owner.backups.runDue();
            assertEquals(Optional.of(firstCheck), notes(owner).lastCheck(), "checked again only a week later");
            clock.advance(Duration.ofSeconds(1));
            owner.backups.runDue();
            awaitCheck(owner, clock.instant());
            String problem = notes(owner).checkProblem().orElseThrow();
            assertTrue(problem.contains("offline") || problem.contains("not connected"), problem);

            Instant troubled = notes(owner).lastCheck().orElseThrow();
            clock.advance(BackupSet.CHECK_AGAIN);
            owner.backups.runDue();
            Thread.sleep(200);
            assertEquals(Optional.of(troubled), notes(owner).lastCheck(), "not again while C is away: it would find the same");
            net.setOnline(c, true);
            owner.backups.runDue();
            awaitCheck(owner, clock.instant());
            assertEquals(Optional.empty(), notes(owner).checkProblem(), "a check that left a problem is made again within the hour");
        }
    }

    private static BackupSet notes(TestNode owner) throws Exception {
        return owner.backups.set("notes").orElseThrow();
    }

    /**
     * Waits until the set's copies were checked at {@code when} and the check has ended (it runs on the node's
     * workers, and {@code runDue} starts no other while it has not).
     */
    private static void awaitCheck(TestNode owner, Instant when) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!notes(owner).lastCheck().equals(Optional.of(when)) || owner.backups.checking("notes")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no check recorded at " + when + ": " + notes(owner));
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aRunStoppedMidWayMakesNoSnapshotAndTheNextGoesOn() throws Exception {
        AtomicLong seen = new AtomicLong();
        BackupProgress stopHalfWay = new BackupProgress() {
            @Override
            public void advanced(String phase, long done, long total) {
                seen.set(done);
            }

            @Override
            public boolean cancelled() {
                return seen.get() > 3 << 20;
            }
        };
        assertThrows(BackupException.class, () -> a.backups.run("photos", stopHalfWay));
        assertEquals(List.of(), a.backups.snapshots("photos"));

        long chunkedBeforeTheStop = seen.get();
        Snapshot next = a.run("photos");
        long rest = 2 * (next.bytes() - chunkedBeforeTheStop) + (256 << 10); // two copies of the rest, and of the snapshot's records
        assertTrue(next.uploadedBytes() <= rest,
                "what the first run sent before it stopped was not sent again: " + next.uploadedBytes() + " bytes, at most " + rest);
        assertEquals(Folders.describe(photos), restoreAll("after-stop"));
    }

    @Test
    void aFreshNodeRecoversFromThePhraseAlone() throws Exception {
        Snapshot last = a.run("photos");
        String phrase = a.backups.recoveryPhrase();
        assertFalse(a.backups.recoveryPhraseNoted(), "shown is not yet written down");
        a.backups.noteRecoveryPhrase();
        assertTrue(a.backups.recoveryPhraseNoted());
        a.close();
        net.setOnline(a, false);
        TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net);
        try {
            BackupException wrong = assertThrows(BackupException.class, () -> fresh.backups.recover(withWrongWord(phrase),
                    Optional.empty(), BackupProgress.NONE));
            assertTrue(wrong.getMessage().contains("not a recovery phrase"), wrong.getMessage());

            Recovered recovered = fresh.backups.recover(phrase, Optional.empty(), BackupProgress.NONE);

            assertEquals(List.of("photos"), recovered.sets());
            assertEquals(0, recovered.broughtBack(), "nothing was deleted");
            assertEquals(3, recovered.holders().size());
            assertEquals(List.of(), recovered.notStoring(), "every holder stores for whoever proves the vault, here");
            assertTrue(fresh.backups.recoveryPhraseNoted(), "whoever recovered with the phrase has it");
            assertEquals(last.time().toEpochMilli(), fresh.backups.set("photos").orElseThrow().lastRun().orElseThrow().toEpochMilli(),
                    "the set last ran when the lost machine made its newest snapshot");
            RestoreResult restored = fresh.backups.restore("photos", "latest", "", temp.resolve("recovered"), BackupProgress.NONE);
            assertEquals(List.of(), restored.problems());
            assertEquals(Folders.describe(photos), Folders.describe(temp.resolve("recovered/photos")));
            assertTrue(fresh.backups.verify("photos", BackupProgress.NONE).healthy());
        } finally {
            fresh.close();
        }
    }

    @Test
    void aFreshNodeThatKnowsNoOneFindsTheHoldersOnTheLocalNetworkAndKeepsThemAsPeers() throws Exception {
        a.run("photos");
        String phrase = a.backups.recoveryPhrase();
        a.close();
        net.setOnline(a, false);
        try (TestNode stranger = new TestNode("stranger", temp.resolve("nodes"), net);
                TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net)) {
            net.startsAlone(fresh.id);
            for (TestNode holder : List.of(b, c, d, stranger)) {
                net.setOnline(holder, false);
            }
            BackupException alone = assertThrows(BackupException.class, () -> fresh.backups.recover(phrase, Optional.empty(),
                    BackupProgress.NONE));
            assertTrue(alone.getMessage().startsWith("This node is connected to no peer and hears none on the local network."),
                    alone.getMessage());
            net.setOnline(stranger, true);
            BackupException noHolder = assertThrows(BackupException.class, () -> fresh.backups.recover(phrase, Optional.empty(),
                    BackupProgress.NONE));
            assertTrue(noHolder.getMessage().startsWith("None of the 1 peers asked"), noHolder.getMessage());
            assertEquals(Set.of(), net.reachedAlone(fresh), "a stranger dialed only to be asked is let go");
            for (TestNode holder : List.of(b, c, d)) {
                net.setOnline(holder, true);
            }
            b.mayStore.put(fresh.id, false); // b's owner granted storage to the lost machine, not to this one

            Recovered recovered = fresh.backups.recover(phrase, Optional.empty(), BackupProgress.NONE);

            assertEquals(List.of("photos"), recovered.sets());
            Set<PeerId> holders = Set.of(b.id, c.id, d.id);
            assertEquals(holders, recovered.holders().stream().map(HolderAnswer::peer).collect(Collectors.toSet()));
            assertEquals(List.of(b.id), recovered.notStoring().stream().map(HolderAnswer::peer).toList());
            assertEquals(holders, net.kept(fresh), "the holders found are the new node's peers, as they were the lost one's");
            assertEquals(holders, net.reachedAlone(fresh), "the stranger that held nothing was let go");
            HeldBackup heldByB = b.backups.held().get(0);
            assertEquals(a.id, heldByB.owner());
            assertEquals(List.of(fresh.id), heldByB.claimants().stream().map(HeldBackup.Claimant::peer).toList(),
                    "b's owner learns that the stranger asking for storage has a's phrase");
            assertEquals(List.of(fresh.id), new VaultClaims(b.storage, b.backups.store, b.gate, Clock.systemUTC(), owner -> { })
                    .of(a.id, PeerId::shortForm).stream().map(HeldBackup.Claimant::peer).toList(), "and still knows it after a restart");
            assertEquals(List.of(), c.backups.held().get(0).claimants(), "c lets it store: nothing to decide");
            b.mayStore.put(fresh.id, true);
            assertEquals(List.of(), b.backups.held().get(0).claimants(), "once b's owner granted it, the claim is settled");
            fresh.run("photos");
            HeldBackup takenOver = b.backups.held().get(0);
            assertEquals(fresh.id, takenOver.owner(), "the new node stores in the vault the lost one filled");
            assertEquals(List.of(a.id), takenOver.replaced().stream().map(HeldBackup.Replaced::peer).toList(),
                    "b's owner learns which node it replaced, still able to store here");
            b.mayStore.put(a.id, false); // forgotten, or its grant revoked
            assertEquals(List.of(), b.backups.held().get(0).replaced());
            fresh.backups.restore("photos", "latest", "", temp.resolve("recovered"), BackupProgress.NONE);
            assertEquals(Folders.describe(photos), Folders.describe(temp.resolve("recovered/photos")));
        }
    }

    @Test
    void aFreshNodeOnAnotherNetworkReachesTheHoldersTheRecoveryFileNames() throws Exception {
        a.run("photos");
        String phrase = a.backups.recoveryPhrase();
        String file = a.backups.recoveryFile();
        a.close();
        net.setOnline(a, false);
        try (TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net)) {
            net.startsFar(fresh.id);
            BackupException unheard = assertThrows(BackupException.class, () -> fresh.backups.recover(phrase, Optional.empty(),
                    BackupProgress.NONE));
            assertTrue(unheard.getMessage().endsWith(", or give the recovery file, then try again."), unheard.getMessage());
            String anotherPhrase = b.backups.recoveryPhrase();
            BackupException otherPhrase = assertThrows(BackupException.class, () -> fresh.backups.recover(anotherPhrase, Optional.of(file),
                    BackupProgress.NONE));
            assertTrue(otherPhrase.getMessage().startsWith("The recovery file does not open with this recovery phrase"),
                    otherPhrase.getMessage());

            Recovered recovered = fresh.backups.recover(phrase, Optional.of(file), BackupProgress.NONE);

            assertEquals(List.of("photos"), recovered.sets());
            assertEquals(Set.of(b.id, c.id, d.id), net.reachedAlone(fresh), "reached where the file said they were");
        }
    }

    @Test
    void aRecoveryFileMadeBeforeAHolderWasAddedIsSaidToBeMadeAgain() throws Exception {
        a.backups.recoveryFile();
        assertEquals(List.of(), a.backups.holdersMissingFromRecoveryFile(), "a file made but not kept (saving it was cancelled)");
        a.backups.recoveryFileKept();
        assertEquals(List.of(), a.backups.holdersMissingFromRecoveryFile(), "the file names every holder");
        try (TestNode e = new TestNode("e", temp.resolve("nodes"), net)) {
            a.backups.addSet("daily", List.of(photos), List.of(), List.of(b.id, e.id), 1, Optional.empty());
            assertEquals(List.of(e.id), a.backups.holdersMissingFromRecoveryFile(), "a new node with the old file would not reach e first");
            a.backups.recoveryFileKept();
            assertEquals(List.of(), a.backups.holdersMissingFromRecoveryFile(), "made again, it names e too");
        }
    }

    @Test
    void aRunWhoseFolderIsGoneMakesNoSnapshotThatWouldHideItsFilesFromTheLatest() throws Exception {
        Snapshot first = a.run("photos");
        Map<String, String> before = Folders.describe(photos);
        deleteTree(photos);

        BackupException gone = assertThrows(BackupException.class, () -> a.backups.run("photos", BackupProgress.NONE));

        assertEquals(photos + " is not on this machine, so no snapshot was made (it would leave that folder out of the latest one)."
                + " Restore it first, or change the set's folders.", gone.getMessage());
        assertEquals(List.of(first.id()), a.backups.snapshots("photos").stream().map(Snapshot::id).toList());
        a.backups.restore("photos", "latest", "", temp.resolve("home"), BackupProgress.NONE);
        assertEquals(before, Folders.describe(photos));
        a.run("photos");
        assertEquals(2, a.backups.snapshots("photos").size(), "restored where it was, the folder is backed up again");
    }

    @Test
    void pruneKeepsTheNewestAndFreesWhatOnlyOldSnapshotsNeeded() throws Exception {
        a.run("photos");
        Folders.write(photos.resolve("big.bin"), new java.util.Random(2), 6 << 20);
        a.run("photos");
        Folders.write(photos.resolve("big.bin"), new java.util.Random(3), 6 << 20);
        Snapshot newest = a.run("photos");
        long heldBefore = b.heldBytes() + c.heldBytes() + d.heldBytes();

        PruneResult pruned = a.backups.prune("photos", new Retention(1, 0, 0));

        assertEquals(2, pruned.removedSnapshots().size());
        assertTrue(pruned.freedBytes() >= 2L * 2 * (6 << 20), "two old versions of big.bin, two copies each: " + pruned);
        assertEquals(heldBefore - pruned.freedBytes(), b.heldBytes() + c.heldBytes() + d.heldBytes());
        assertEquals(List.of(newest.id()), a.backups.snapshots("photos").stream().map(Snapshot::id).toList());
        assertEquals(Folders.describe(photos), restoreAll("after-prune"));
        assertThrows(BackupException.class, () -> a.backups.prune("photos", new Retention(0, 0, 0)));
    }

    @Test
    void whatAMachineTakenOverDeletedComesBackWithARecoveryWhileTheHoldersKeepIt() throws Exception {
        TwoRuns runs = twoRunsAFileApart();
        Snapshot first = runs.first();
        Snapshot second = runs.second();
        Map<String, String> before = runs.before();
        d.backups.setKeepDeleted(Duration.ZERO); // d frees at once what owners delete; b and c keep it a week
        a.backups.prune("photos", new Retention(1, 0, 0)); // as ransomware would, had it the keys: the last snapshot only
        String phrase = a.backups.recoveryPhrase();
        a.close();
        net.setOnline(a, false);

        TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net);
        try {
            Recovered recovered = fresh.backups.recover(phrase, Optional.empty(), BackupProgress.NONE);
            assertEquals(List.of(2, 1), List.of(recovered.snapshots(), recovered.broughtBack()), "the pruned snapshot is back, and said to be");
            assertEquals(java.util.Set.of(first.id(), second.id()),
                    fresh.backups.snapshots("photos").stream().map(Snapshot::id).collect(java.util.stream.Collectors.toSet()));
            RestoreResult restored = fresh.backups.restore("photos", first.id(), "", temp.resolve("first"), BackupProgress.NONE);
            assertEquals(List.of(), restored.problems());
            assertEquals(before, Folders.describe(temp.resolve("first/photos")), "the first snapshot restores whole");
            assertTrue(fresh.backups.verify("photos", BackupProgress.NONE).healthy(), "copies d let go of are made again");
        } finally {
            fresh.close();
        }
    }

    @Test
    void aPruneThatWentTooFarIsUndoneOnTheSameMachineWhileTheHoldersKeepIt() throws Exception {
        TwoRuns runs = twoRunsAFileApart();
        Snapshot first = runs.first();
        Snapshot second = runs.second();
        Map<String, String> before = runs.before();
        d.backups.setKeepDeleted(Duration.ZERO); // d frees at once what owners delete; b and c keep it a week
        long heldBefore = b.heldBytes() + c.heldBytes();
        a.backups.prune("photos", new Retention(1, 0, 0));

        Undeleted undeleted = a.backups.undelete(BackupProgress.NONE);

        assertEquals(List.of(first.id()), undeleted.snapshots().stream().map(Snapshot::id).toList());
        assertEquals(List.of(), undeleted.problems());
        assertEquals(Set.of(b.id.shortForm(), c.id.shortForm(), d.id.shortForm()), Set.copyOf(undeleted.holders()));
        assertEquals(heldBefore, b.heldBytes() + c.heldBytes(), "back in the quota where they kept it");
        assertTrue(undeleted.summary(java.time.ZoneOffset.UTC).startsWith("Brought back 1 snapshot from "), undeleted.summary(java.time.ZoneOffset.UTC));
        assertEquals(Set.of(first.id(), second.id()), a.backups.snapshots("photos").stream().map(Snapshot::id).collect(Collectors.toSet()));
        RestoreResult restored = a.backups.restore("photos", first.id(), "", temp.resolve("first"), BackupProgress.NONE);
        assertEquals(List.of(), restored.problems());
        assertEquals(before, Folders.describe(temp.resolve("first/photos")), "the snapshot pruned restores whole");
        assertTrue(a.backups.verify("photos", BackupProgress.NONE).healthy(), "copies d let go of are made again");

        Undeleted again = a.backups.undelete(BackupProgress.NONE);
        assertEquals(List.of(), again.snapshots(), "nothing deleted is left to bring back");
        assertTrue(again.summary(java.time.ZoneOffset.UTC).startsWith("Nothing came back"), again.summary(java.time.ZoneOffset.UTC));
        PruneResult prunedAgain = a.backups.prune("photos", new Retention(1, 0, 0));
        assertEquals(List.of(first.id()), prunedAgain.removedSnapshots());
        assertTrue(prunedAgain.removedChunks() > 0 && prunedAgain.freedBytes() > 0, "the chunks brought back are known, and go again: " + prunedAgain);
    }

    @Test
    void aSetRemovedAfterItsPruneComesBackWithWhatAnUndeletionBringsBack() throws Exception {
        TwoRuns runs = twoRunsAFileApart();
        a.backups.prune("photos", new Retention(1, 0, 0));
        a.backups.removeSet("photos");
        assertEquals(List.of(), a.backups.sets());

        assertEquals(List.of(runs.first().id()), a.backups.undelete(BackupProgress.NONE).snapshots().stream().map(Snapshot::id).toList());

        assertEquals(List.of("photos"), a.backups.sets().stream().map(BackupSet::name).toList(), "back as its snapshot had it");
        RestoreResult restored = a.backups.restore("photos", runs.first().id(), "", temp.resolve("first"), BackupProgress.NONE);
        assertEquals(List.of(), restored.problems());
        assertEquals(runs.before(), Folders.describe(temp.resolve("first/photos")));
    }

    @Test
    void deletionsThatHadNotReachedAnOfflineHolderAreTakenBackByAnUndeletion() throws Exception {
        Snapshot first = twoRunsAFileApart().first();
        long heldByD = d.heldBytes();
        net.setOnline(d, false);
        a.backups.prune("photos", new Retention(1, 0, 0));

        Undeleted undeleted = a.backups.undelete(BackupProgress.NONE);

        assertEquals(List.of(first.id()), undeleted.snapshots().stream().map(Snapshot::id).toList());
        assertEquals(List.of(d.id.shortForm() + " is offline"), undeleted.unreachable());
        net.setOnline(d, true);
        a.run("photos"); // a run sends the deletions that wait for a holder first
        assertEquals(0, d.backups.held().get(0).keptDeleted(), "d was never told to delete what came back");
        assertTrue(d.heldBytes() >= heldByD, "d still holds all it held, and the new run's record");
        Health health = a.backups.health("photos");
        assertEquals(health.chunks(), health.fullyCopied(), "d's copies count again");
        assertTrue(a.backups.verify("photos", BackupProgress.NONE).healthy());
    }

    @Test
    void anUndeletionWithNoHolderOnlineOrNothingBackedUpSaysSo() throws Exception {
        TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net);
        try {
            BackupException never = assertThrows(BackupException.class, () -> fresh.backups.undelete(BackupProgress.NONE));
            assertTrue(never.getMessage().contains("never backed anything up"), never.getMessage());
        } finally {
            fresh.close();
        }
        a.run("photos");
        for (TestNode holder : List.of(b, c, d)) {
            net.setOnline(holder, false);
        }
        BackupException offline = assertThrows(BackupException.class, () -> a.backups.undelete(BackupProgress.NONE));
        assertTrue(offline.getMessage().startsWith("None of the holders is online"), offline.getMessage());
    }

    @Test
    void aRevokedOwnersDataGoesAfterTheGracePeriod() throws Exception {
        a.run("photos");
        assertEquals(1, b.backups.held().size());
        b.mayStore.put(a.id, false);
        b.backups.setRemovalGrace(java.time.Duration.ZERO);

        b.backups.sweep();
        assertTrue(b.backups.held().get(0).removal().isPresent(), "marked for removal");
        b.backups.sweep();

        assertEquals(List.of(), b.backups.held());
        assertEquals(0, b.heldBytes());
    }

    @Test
    void aHolderRefusesForgedProofsAndOversizedBlobsAndKeepsServingOthers() throws Exception {
        ProtocolId protocol = ProtocolId.of(BackupWire.PROTOCOL);
        PipeStream[] forged = PipeStream.pair(c.id, b.id, protocol);
        Future<?> served = serve(b, forged[1]);
        DataInputStream in = new DataInputStream(forged[0].input());
        DataOutputStream out = new DataOutputStream(forged[0].output());
        in.readFully(new byte[BackupWire.NONCE_BYTES]);
        out.write(VaultKeys.generate().publicKey());
        out.write(new byte[BackupWire.SIGNATURE_BYTES]);
        out.flush();
        assertEquals(BackupWire.REFUSED, in.readByte());
        assertTrue(in.readUTF().contains("proof"));
        served.get(10, TimeUnit.SECONDS);

        VaultKeys keys = VaultKeys.generate();
        PipeStream[] oversized = PipeStream.pair(c.id, b.id, protocol);
        Future<?> refused = serve(b, oversized[1]);
        DataInputStream answers = new DataInputStream(oversized[0].input());
        DataOutputStream raw = new DataOutputStream(oversized[0].output());
        byte[] nonce = new byte[BackupWire.NONCE_BYTES];
        answers.readFully(nonce);
        raw.write(keys.publicKey());
        raw.write(keys.sign(BackupWire.proofMessage(nonce, b.id)));
        raw.flush();
        assertEquals(BackupWire.OK, answers.readByte(), "a real owner proof is accepted");
        raw.writeByte(BackupWire.PUT);
        raw.writeByte(BackupWire.DATA);
        raw.write(new byte[VaultKeys.ID_BYTES]);
        raw.writeInt(100 << 20);
        raw.flush();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> refused.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("limit"), failure.getCause().getMessage());
        assertEquals(0, b.heldBytes());

        assertEquals(0, a.run("photos").underCopied(), "B still serves A");
    }

    @Test
    void badSetsAreRefusedWithAReason() {
        assertThrows(BackupException.class, () -> a.backUp("photos", temp.resolve("missing"), 2, b, c));
        BackupException tooFewHolders = assertThrows(BackupException.class, () -> a.backUp("photos", photos, 3, b, c));
        assertEquals("Each chunk is to go to 3 holders (--copies 3), but 2 are named: name more with --to, or keep fewer copies"
                + " (--copies 2).", tooFewHolders.getMessage());
        assertThrows(BackupException.class, () -> a.backUp("photos", photos, 0, b, c));
        assertThrows(BackupException.class, () -> a.backups.addSet("self", List.of(photos), List.of(), List.of(a.id), 1, java.util.Optional.empty()));
        BackupException unknown = assertThrows(BackupException.class, () -> a.run("nope"));
        assertTrue(unknown.getMessage().contains("nope"));
    }

    /**
     * The phrase with its fourth word changed to one that breaks the checksum: with 8 bits of it, one
     * change in 256 still adds up (and then names a vault no holder knows).
     */
    private static String withWrongWord(String phrase) {
        String[] words = phrase.split(" ");
        for (String candidate : List.of("bada", "bado", "beda", "bedo", "bida", "bido", "boda", "bodo")) {
            words[3] = candidate;
            String changed = String.join(" ", words);
            try {
                RecoveryPhrase.decode(changed);
            } catch (BackupException checksumFails) {
                return changed;
            }
        }
        throw new AssertionError("no candidate word broke the checksum of " + phrase);
    }

    /** Serves one raw stream on the holder's side, as the transport would. */
    private Future<?> serve(TestNode holder, PipeStream end) {
        return rawServers.submit(() -> {
            holder.backups.server.serve(end);
            return null;
        });
    }

    /** Two snapshots of the set, the second with a file of 3 MiB more, and the folder as the first took it. */
    private record TwoRuns(Snapshot first, Map<String, String> before, Snapshot second) {
    }

    private TwoRuns twoRunsAFileApart() throws Exception {
        Snapshot first = a.run("photos");
        Map<String, String> before = Folders.describe(photos);
        Folders.write(photos.resolve("big.bin"), new java.util.Random(2), 3 << 20);
        return new TwoRuns(first, before, a.run("photos"));
    }

    private Map<String, String> restoreAll(String target) throws Exception {
        RestoreResult restored = a.backups.restore("photos", "latest", "", temp.resolve(target), BackupProgress.NONE);
        assertTrue(restored.problems().stream().noneMatch(problem -> problem.startsWith("photos/")), restored.problems().toString());
        return Folders.describe(temp.resolve(target).resolve("photos"));
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.delete(path);
            }
        }
    }
}
