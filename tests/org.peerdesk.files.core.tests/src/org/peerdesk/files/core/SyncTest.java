package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.ConflictMerger;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.TrashedFile;
import org.peerdesk.permissions.Right;

/**
 * Two-way sync between two real shares over in-memory streams: new files, changes and deletions go
 * both ways (what a peer replaces or deletes lands in the trash); a file changed on both sides keeps
 * both versions under the same names on both sides, whichever side settles first; a peer without
 * write changes nothing. After a pair's first round, rounds read only what the peer changed since
 * the last clean one, so most of what these tests settle goes through such rounds.
 */
class SyncTest {

    @TempDir
    Path home;
    private FilesFixture ana;
    private FilesFixture ben;
    private SyncEngine anaSync;
    private SyncEngine benSync;
    private Path anaTeam;
    private Path benTeam;

    @BeforeEach
    void start() throws Exception {
        ana = new FilesFixture(home.resolve("ana"), 1);
        ben = new FilesFixture(home.resolve("ben"), 2);
        anaTeam = ana.share("team").folder();
        benTeam = ben.share("team").folder();
        anaSync = engine(ana, ben);
        benSync = engine(ben, ana);
    }

    private static SyncEngine engine(FilesFixture self, FilesFixture peer) {
        return new SyncEngine(self.registry, self.syncRows, self.connectorTo(peer), self.permissions, self.id,
                Clock.systemUTC(), FileFetch.Settings.DEFAULT, share -> { });
    }

    @AfterEach
    void stop() throws Exception {
        anaSync.close();
        benSync.close();
        ana.close();
        ben.close();
    }

    @Test
    void changesAndDeletionsGoBothWaysAndWhatTheyReplaceIsKeptToPutBack() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        write(anaTeam, "sub/plan.txt", "the plan", 100);
        write(benTeam, "ben.txt", "from ben", 100);
        syncBothWays();
        assertEquals(files(anaTeam), files(benTeam));
        assertEquals(Map.of("notes.txt", "one", "sub/plan.txt", "the plan", "ben.txt", "from ben"), files(benTeam));

        write(anaTeam, "notes.txt", "two", 200);
        Files.delete(anaTeam.resolve("sub/plan.txt"));
        settle();
        assertEquals(Map.of("notes.txt", "two", "ben.txt", "from ben"), files(benTeam));
        Path trash = benTeam.resolve(Trash.FOLDER).resolve(LocalDate.now(ZoneOffset.UTC).toString());
        assertEquals("one", Files.readString(trash.resolve("notes.txt")), "the replaced version is in ben's trash");
        assertEquals("the plan", Files.readString(trash.resolve("sub/plan.txt")), "the deleted file is in ben's trash");

        SyncPair pair = benSync.pairs().get(0);
        assertTrue(pair.problem().isEmpty(), pair.toString());
        assertEquals(3, pair.filesIn());
        assertEquals(1, pair.filesRemoved());

        // what the trash keeps is listed, and put back it reaches the peer again
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> before = Map.of("notes.txt", "one", "sub/plan.txt", "the plan", "ben.txt", "from ben");
        assertEquals(List.of("notes.txt 3", "sub/plan.txt 8"), benSync.trash("team").stream()
                .filter(file -> file.day().equals(today)).map(file -> file.kept() + " " + file.size()).toList());

        assertEquals("sub/plan.txt", benSync.restoreFromTrash("team", today, "sub/plan.txt"));
        assertEquals("notes.txt", benSync.restoreFromTrash("team", today, "notes.txt"));
        assertEquals(before, files(benTeam), "both are back where they were");
        assertEquals(List.of("notes.txt~2 notes.txt"), benSync.trash("team").stream().map(file -> file.kept() + " " + file.path()).toList(),
                "the version the restore replaced took its place in the trash, under a name of its own");
        settle();
        assertEquals(before, files(anaTeam), "and ana, who syncs with ben, has them again");

        assertTrue(assertThrows(FilesException.class, () -> benSync.restoreFromTrash("team", today, "../../../notes.txt")).getMessage()
                .contains("does not stay inside"));
        assertTrue(assertThrows(FilesException.class, () -> benSync.restoreFromTrash("team", today.minusDays(3), "notes.txt~2"))
                .getMessage().startsWith("The trash keeps no file 'notes.txt~2' from "));
        Files.delete(benTeam.resolve("notes.txt"));
        Files.createDirectories(benTeam.resolve("notes.txt"));
        assertEquals("A folder is at 'notes.txt' now; move it away first.",
                assertThrows(FilesException.class, () -> benSync.restoreFromTrash("team", today, "notes.txt~2")).getMessage());
        assertEquals("two", Files.readString(benTeam.resolve(Trash.FOLDER).resolve(today.toString()).resolve("notes.txt~2")),
                "a restore refused keeps the file where it was");
    }

    @Test
    void whatASideIgnoresIsNeitherFetchedThereNorTakenFromThePeer() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        write(anaTeam, "build.tmp", "ana's scratch", 100);
        write(anaTeam, "videos/holiday.mp4", "ana's film", 100);
        write(benTeam, IgnoreRules.FILE, String.join("\n", IgnoreRules.FILE, "*.tmp", "videos/"), 100); // ben's own, not synced
        syncBothWays();
        assertEquals(Map.of("notes.txt", "one"), files(benTeam), "what ben ignores does not come in");

        write(anaTeam, "build.tmp", "ana's scratch, changed", 200);
        write(anaTeam, "videos/holiday.mp4", "ana's film, cut", 200);
        settle();
        assertEquals(Map.of("notes.txt", "one", "build.tmp", "ana's scratch, changed", "videos/holiday.mp4", "ana's film, cut"),
                files(anaTeam), "nor does ana lose it, then or after a change");
        assertFalse(Files.exists(anaTeam.resolve(Trash.FOLDER)), "nothing of ana's went to her trash");
        assertEquals(Map.of("notes.txt", "one"), files(benTeam));
    }

    @Test
    void aPairOfSomeFoldersTakesOnlyWhatIsInThemAndTheRestOnceWidened() throws Exception {
        write(anaTeam, "reports/q1.txt", "q1", 100);
        write(anaTeam, "reports-old/q0.txt", "q0", 100);
        write(anaTeam, "photos/2026/beach.jpg", "beach", 100);
        write(anaTeam, "photos/2025/hill.jpg", "hill", 100);
        write(anaTeam, "notes.txt", "notes", 100);
        write(benTeam, "drafts/ben.txt", "ben's draft", 100);
        anaSync.sync("team", ben.id);
        SyncPair pair = benSync.sync("team", ana.id, List.of("photos/2026/", "reports", "reports/sub", " photos/2026 "));
        assertEquals(List.of("photos/2026", "reports"), pair.folders(), "each folder once, none inside another");
        settle();
        assertEquals(Map.of("reports/q1.txt", "q1", "photos/2026/beach.jpg", "beach", "drafts/ben.txt", "ben's draft"), files(benTeam),
                "ben takes only what is in his folders, not a sibling that starts the same way");
        assertEquals("ben's draft", Files.readString(anaTeam.resolve("drafts/ben.txt")), "ana's side is hers to choose: she takes all");

        Files.delete(anaTeam.resolve("notes.txt"));
        Files.delete(anaTeam.resolve("reports/q1.txt"));
        write(benTeam, "notes.txt", "ben's own notes", 200);
        settle();
        assertEquals(Map.of("photos/2026/beach.jpg", "beach", "drafts/ben.txt", "ben's draft", "notes.txt", "ben's own notes"),
                files(benTeam), "a deletion inside his folders reaches ben; his file outside them stays as it is");

        benSync.sync("team", ana.id);
        settle();
        assertEquals(files(anaTeam), files(benTeam), "widened to the whole share, the next round reads all of ana's index");
        assertTrue(benSync.pairs().get(0).folders().isEmpty());
    }

    @Test
    void foldersThatLeaveTheShareOrTooManyAreRefused() throws Exception {
        for (String bad : List.of("../elsewhere", "/etc", "reports/../..")) {
            FilesException refused = assertThrows(FilesException.class, () -> benSync.sync("team", ana.id, List.of("reports", bad)));
            assertTrue(refused.getMessage().contains("'" + bad + "'"), refused.getMessage());
        }
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, SyncFolders.MAX).mapToObj(i -> "folder" + i).toList();
        FilesException refused = assertThrows(FilesException.class, () -> benSync.sync("team", ana.id, tooMany));
        assertTrue(refused.getMessage().startsWith("A sync takes at most 100 folders"), refused.getMessage());
        assertEquals(List.of(), benSync.pairs(), "no pair was made");
    }

    @Test
    void ignoringWhatIsAlreadyInSyncDeletesNothingAtThePeerAndTakesNoMoreOfItsChanges() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        write(anaTeam, "videos/holiday.mp4", "ana's film", 100);
        syncBothWays();
        assertEquals(files(anaTeam), files(benTeam));

        write(benTeam, IgnoreRules.FILE, String.join("\n", IgnoreRules.FILE, "videos/"), 200);
        settle();
        assertEquals(Map.of("notes.txt", "one", "videos/holiday.mp4", "ana's film"), files(anaTeam), "ben's new rule removes nothing of ana's");
        assertFalse(Files.exists(anaTeam.resolve(Trash.FOLDER)), "not even into her trash");
        assertEquals(Map.of("notes.txt", "one", "videos/holiday.mp4", "ana's film"), files(benTeam), "nor of ben's own");

        write(anaTeam, "videos/holiday.mp4", "ana's film, cut", 300);
        settle();
        assertEquals("ana's film", Files.readString(benTeam.resolve("videos/holiday.mp4")), "ben takes no change of what he ignores");

        write(benTeam, IgnoreRules.FILE, IgnoreRules.FILE, 400);
        settle();
        assertEquals("ana's film, cut", Files.readString(benTeam.resolve("videos/holiday.mp4")),
                "once no longer ignored, the change ben passed over comes in, though his rounds had read past it");
        assertTrue(benSync.pairs().get(0).problem().isEmpty(), benSync.pairs().toString());
    }

    @Test
    void aChangeThePeerCameToIgnoreBeforeItWasTakenIsNotAskedForUntilThePeerLetsItInAgain() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        write(anaTeam, "videos/holiday.mp4", "ana's film", 100);
        syncBothWays();

        write(benTeam, "videos/holiday.mp4", "ben's cut", 200);
        rescan(ben); // his index has the cut, and then his rules leave it out before ana took it
        write(benTeam, IgnoreRules.FILE, String.join("\n", IgnoreRules.FILE, "videos/"), 300);
        settle();
        assertEquals("ana's film", Files.readString(anaTeam.resolve("videos/holiday.mp4")), "ana keeps hers");
        assertTrue(anaSync.pairs().get(0).problem().isEmpty(), "ana does not ask for what ben no longer serves: " + anaSync.pairs());

        write(benTeam, IgnoreRules.FILE, IgnoreRules.FILE, 400);
        settle();
        assertEquals("ben's cut", Files.readString(anaTeam.resolve("videos/holiday.mp4")), "ben lets it in again: ana takes it");
        assertTrue(anaSync.pairs().get(0).problem().isEmpty(), anaSync.pairs().toString());
    }

    @Test
    void aConflictKeepsBothVersionsUnderTheSameNamesWhicheverSideSettlesFirst() throws Exception {
        for (boolean anaFirst : new boolean[] {true, false}) {
            String name = anaFirst ? "a.txt" : "b.txt";
            write(anaTeam, name, "agreed", 100);
            anaSync.sync("team", ben.id);
            benSync.sync("team", ana.id);
            settle();
            write(anaTeam, name, "ana's edit", 300);
            write(benTeam, name, "ben's edit", 400); // newer: it keeps the name
            (anaFirst ? anaSync : benSync).roundAll();
            (anaFirst ? anaSync : benSync).awaitRounds();
            settle();
            String copy = SyncPlan.conflictName(name, ana.id, Instant.ofEpochSecond(1_700_000_300L));
            assertEquals("ben's edit", files(anaTeam).get(name));
            assertEquals("ana's edit", files(anaTeam).get(copy), files(anaTeam).toString());
            assertEquals(files(anaTeam), files(benTeam));
        }
        List<Conflict> conflicts = anaSync.conflicts();
        assertFalse(conflicts.isEmpty());
        Conflict first = conflicts.get(conflicts.size() - 1);
        assertEquals("--- " + first.path() + "\n+++ " + first.copy() + "\n@@ -1,1 +1,1 @@\n-ben's edit\n+ana's edit\n",
                anaSync.compare(first.id()), "the two versions compared line by line");
        anaSync.resolve(first.id(), Conflict.Choice.KEEP_COPY);
        FilesException gone = assertThrows(FilesException.class, () -> anaSync.compare(first.id()));
        assertEquals("There is no conflict " + first.id() + ".", gone.getMessage());
        assertEquals("ana's edit", files(anaTeam).get(first.path()));
        assertFalse(files(anaTeam).containsKey(first.copy()));
        settle();
        assertEquals(files(anaTeam), files(benTeam), "the choice travels to the peer too");
    }

    @Test
    void aConflictWhosePeerVersionCannotBePlacedLeavesTheLocalVersionUnderItsNameAndIsListedOnlyOnceBothAreThere() throws Exception {
        write(anaTeam, "notes.txt", "agreed", 100);
        syncBothWays();
        write(anaTeam, "notes.txt", "ana's edit", 300);
        write(benTeam, "notes.txt", "ben's edit", 400); // newer: ana's moves aside for it
        Path blocked = Files.createDirectories(PartFile.of(anaTeam.resolve("notes.txt"))); // where ben's would be written first
        rescan(ana);
        rescan(ben);
        anaSync.roundAll();
        anaSync.awaitRounds();
        assertEquals(Map.of("notes.txt", "ana's edit"), files(anaTeam), "nothing moved aside while ben's version is not in place");
        assertEquals(List.of(), anaSync.conflicts());
        assertTrue(anaSync.pairs().get(0).problem().orElse("").contains("notes.txt"), anaSync.pairs().toString());

        Files.delete(blocked);
        anaSync.roundAll();
        anaSync.awaitRounds();
        String copy = SyncPlan.conflictName("notes.txt", ana.id, Instant.ofEpochSecond(1_700_000_300L));
        assertEquals(Map.of("notes.txt", "ben's edit", copy, "ana's edit"), files(anaTeam));
        assertEquals(List.of("notes.txt " + copy), anaSync.conflicts().stream().map(conflict -> conflict.path() + " " + conflict.copy()).toList());
    }

    @Test
    void aConflictMergesIntoOneFileByAPluginsMergerForItsFilesAndByTheLinesOfBothForOtherText() throws Exception {
        for (String name : List.of("todo.txt", "sums.csv", "logo.bin")) {
            write(anaTeam, name, "agreed\n", 100);
        }
        syncBothWays();
        write(anaTeam, "todo.txt", "milk\neggs\n", 300);
        write(benTeam, "todo.txt", "milk\nbread\n", 400); // newer: it keeps the name
        write(anaTeam, "sums.csv", "a,1\n", 300);
        write(benTeam, "sums.csv", "b,2\n", 400);
        write(anaTeam, "logo.bin", "\u0000ana", 300);
        write(benTeam, "logo.bin", "\u0000ben", 400);
        settle();
        ConflictMerger sums = new ConflictMerger() {
            @Override
            public String label() {
                return "Add the rows up";
            }

            @Override
            public boolean merges(String path) {
                return path.endsWith(".csv");
            }

            @Override
            public byte[] merge(String path, byte[] original, byte[] copy) {
                return ("total of " + new String(original, StandardCharsets.UTF_8).strip() + " and "
                        + new String(copy, StandardCharsets.UTF_8).strip() + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
        anaSync.mergers().add(sums);
        Map<String, Conflict> conflicts = anaSync.conflicts().stream().collect(Collectors.toMap(Conflict::path, conflict -> conflict));
        assertEquals(Optional.of("Keep the lines of both"), conflicts.get("todo.txt").merge());
        assertEquals(Optional.of("Add the rows up"), conflicts.get("sums.csv").merge(), "a plugin's merger before Peerdesk's own");

        anaSync.resolve(conflicts.get("todo.txt").id(), Conflict.Choice.MERGE);
        assertEquals("milk\nbread\neggs\n", files(anaTeam).get("todo.txt"), "every line of both, each once");
        assertFalse(files(anaTeam).containsKey(conflicts.get("todo.txt").copy()));
        assertEquals(Set.of("todo.txt", conflicts.get("todo.txt").copy()),
                anaSync.trash("team").stream().map(TrashedFile::path).collect(Collectors.toSet()), "both versions kept in the trash");
        ConflictMerger broken = new ConflictMerger() {
            @Override
            public String label() {
                return "Broken";
            }

            @Override
            public boolean merges(String path) {
                return true;
            }

            @Override
            public byte[] merge(String path, byte[] original, byte[] copy) {
                throw new IllegalStateException("a plugin's bug");
            }
        };
        anaSync.mergers().add(broken);
        FilesException failed = assertThrows(FilesException.class, () -> anaSync.resolve(conflicts.get("logo.bin").id(), Conflict.Choice.MERGE));
        assertTrue(failed.getMessage().endsWith("\"Broken\" failed to merge 'logo.bin' (java.lang.IllegalStateException: a plugin's bug);"
                + " nothing was changed."), failed.getMessage());
        anaSync.mergers().remove(broken);
        anaSync.resolve(conflicts.get("sums.csv").id(), Conflict.Choice.MERGE);
        assertEquals("total of b,2 and a,1\n", files(anaTeam).get("sums.csv"));

        Conflict logo = conflicts.get("logo.bin");
        FilesException binary = assertThrows(FilesException.class, () -> anaSync.resolve(logo.id(), Conflict.Choice.MERGE));
        assertTrue(binary.getMessage().endsWith("'logo.bin' is not text (UTF-8) to take line by line; open both versions to choose"
                + " between them."), binary.getMessage());
        assertEquals("\u0000ben", files(anaTeam).get("logo.bin"), "a merge refused changes nothing");
        assertEquals("\u0000ana", files(anaTeam).get(logo.copy()));
        assertEquals(List.of(logo.id()), anaSync.conflicts().stream().map(Conflict::id).toList(), "and the conflict stays to choose");

        anaSync.mergers().remove(sums);
        settle();
        assertEquals(files(anaTeam), files(benTeam), "the merge travels to the peer");

    }

    @Test
    void aConflictWhoseKeptCopyIsGoneWasSettledElsewhereAndIsForgottenUnlessTheWholeFolderIsGone() throws Exception {
        write(benTeam, "plan.txt", "ben's", 400);
        write(benTeam, "plan (conflict).txt", "ana's", 300);
        String team = ben.registry.root("team").orElseThrow().id();
        ben.syncRows.addConflict(team, "plan.txt", "plan (conflict).txt", ana.id, Instant.now());
        assertEquals(List.of("plan.txt"), benSync.conflicts().stream().map(Conflict::path).toList());

        Path away = benTeam.resolveSibling("team-away");
        Files.move(benTeam, away);
        assertEquals(1, benSync.conflicts().size(), "a share folder that is not there says nothing of the copy");
        Files.move(away, benTeam);
        Files.delete(benTeam.resolve("plan (conflict).txt")); // as the peer's choice, brought by sync, or the user's own does
        assertEquals(List.of(), benSync.conflicts());
        assertEquals(List.of(), benSync.conflicts(), "and stays forgotten");
    }

    @Test
    void aPausedPairTakesNothingInNorLetsAnythingOutAndOnResumingTakesUpWhatChangedAsChangesNotConflicts() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        write(anaTeam, "plan.txt", "ana's plan", 100);
        syncBothWays();

        assertEquals(SyncPair.State.PAUSED, benSync.pause("team", ana.id).state());
        write(anaTeam, "notes.txt", "two", 200);
        Files.delete(anaTeam.resolve("plan.txt"));
        write(benTeam, "ben.txt", "from ben", 200);
        settle();
        assertEquals(Map.of("notes.txt", "one", "plan.txt", "ana's plan", "ben.txt", "from ben"), files(benTeam), "nothing came in");
        assertFalse(files(anaTeam).containsKey("ben.txt"), "nothing went out: ana's rounds were refused");
        assertEquals(SyncPair.State.PAUSED, benSync.pairs().get(0).state());
        SyncPair atAna = anaSync.pairs().get(0);
        assertEquals(SyncPair.State.WAITING, atAna.state());
        assertTrue(atAna.problem().orElse("").contains("paused this sync; it goes on when they resume it"), atAna.toString());

        benSync.resume("team", ana.id);
        settle();
        assertEquals(Map.of("notes.txt", "two", "ben.txt", "from ben"), files(benTeam));
        assertEquals(files(benTeam), files(anaTeam), "ana took up ben's change too");
        assertEquals(List.of(), benSync.conflicts(), "what both agreed on was kept: ana's edit and deletion are changes");
        assertEquals(SyncPair.State.IDLE, benSync.pairs().get(0).state());
        FilesException unknown = assertThrows(FilesException.class, () -> benSync.pause("team", peerIdOf("cai")));
        assertTrue(unknown.getMessage().contains("is not synced with"), unknown.getMessage());
    }

    private static PeerId peerIdOf(String name) {
        return PeerId.ofPublicKey(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aPairSaysWhetherItsPeerTakesInThisSidesChanges() throws Exception {
        anaSync.sync("team", ben.id);
        anaSync.awaitRounds();
        assertEquals(Optional.empty(), anaSync.pairs().get(0).peerLastRead(), "ben does not sync with ana: her changes do not reach him");
        assertEquals(List.of("team " + ana.id), benSync.syncingFromHere().stream().map(read -> read.share() + " " + read.peer()).toList(),
                "ben's node knows that ana syncs his share, while he does not take in hers");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SyncPair benStarted = benSync.sync("team", ana.id);
        assertTrue(benStarted.peerLastRead().isPresent(), "ana read ben's changes before he made his pair, which starts knowing it");
        assertTrue(benStarted.startedSummary("Ana").contains(", and yours reach it as it syncs 'team' with this node too."),
                benStarted.startedSummary("Ana"));
        benSync.awaitRounds();
        assertEquals(List.of(), benSync.syncingFromHere(), "syncing back, ben takes in ana's changes");
        Instant read = anaSync.pairs().get(0).peerLastRead().orElseThrow(() -> new AssertionError("ben's round read ana's changes"));
        assertFalse(read.isBefore(before), read + " is the time of ben's round, after " + before);
    }

    @Test
    void aPeerWithoutWriteChangesNothingHere() throws Exception {
        ben.permissions = new Allowing(Right.READ);
        benSync.close();
        benSync = engine(ben, ana);
        write(anaTeam, "notes.txt", "from ana", 100);
        SyncPair started = benSync.sync("team", ana.id);
        assertTrue(started.startedSummary("Ana").matches("Syncing 'team' with Ana: its changes come into your share, and yours reach it"
                + " once it syncs 'team' with this node too\\. \\S+ has no write on 'team' here, so its changes do not come in\\..*"),
                "said as the pair is made, before its first round: " + started.startedSummary("Ana"));
        benSync.awaitRounds();
        assertEquals(Map.of(), files(benTeam));
        String problem = benSync.pairs().get(0).problem().orElseThrow();
        assertTrue(problem.contains("has no write on 'team'"), problem);
    }

    @Test
    void aRoundsProblemNamesItsPathOnceAndCountsTheOthers() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createSymbolicLink(benTeam.resolve("docs"), elsewhere);
        write(anaTeam, "docs/a.txt", "a", 100);
        write(anaTeam, "docs/b.txt", "b", 100);
        write(anaTeam, "notes.txt", "notes", 100);

        syncBothWays();

        assertEquals("notes", Files.readString(benTeam.resolve("notes.txt")), "the rest goes on");
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertEquals(List.of(), written.toList());
        }
        String problem = benSync.pairs().get(0).problem().orElseThrow();
        assertTrue(problem.matches("'docs/[ab]\\.txt' passes through a symbolic link, which a share never follows\\. \\(and 1 more problem\\)"),
                problem);
    }

    /**
     * Ben takes ana's files and changes or deletes them before ana has a round that sees him take them:
     * ana holds no base for them, and only ben's tells his change of her version from files of his own.
     */
    @Test
    void whatThePeerChangesRightAfterTakingItIsAChangeNotAConflict() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        write(anaTeam, "plan.txt", "ana's plan", 100);
        anaSync.sync("team", ben.id);
        anaSync.awaitRounds(); // ben's share is empty: nothing to do but remember how far his index went
        benSync.sync("team", ana.id);
        benSync.awaitRounds();
        assertEquals(files(anaTeam), files(benTeam), "ben took ana's files");

        Files.delete(benTeam.resolve("notes.txt"));
        write(benTeam, "plan.txt", "ben's better plan", 200);
        benSync.roundAll(); // indexes ben's changes; ana's versions are the bases, so ben leaves them to her
        benSync.awaitRounds();
        anaSync.roundAll();
        anaSync.awaitRounds();
        settle();

        assertEquals(Map.of("plan.txt", "ben's better plan"), files(anaTeam));
        assertEquals(files(anaTeam), files(benTeam));
        assertEquals(List.of(), anaSync.conflicts(), "ben changed ana's version: no conflict");
        Path trash = anaTeam.resolve(Trash.FOLDER).resolve(LocalDate.now(ZoneOffset.UTC).toString());
        assertEquals("one", Files.readString(trash.resolve("notes.txt")), "what ben deleted is in ana's trash");
        assertEquals("ana's plan", Files.readString(trash.resolve("plan.txt")), "what ben replaced is in ana's trash");
    }

    /**
     * Ben deletes a file his round placed before the round indexed it: his index never held it, so the
     * round records it as removed, and ana, reading that in the next delta with his base, trashes hers.
     */
    @Test
    void aFileDeletedRightAfterTheRoundPlacedItIsDeletedAtThePeerToo() throws Exception {
        write(benTeam, "ben.txt", "from ben", 100);
        rescan(ben); // ben's index is not empty: ana's rounds after her first read deltas
        write(anaTeam, "a.txt", "small", 100);
        byte[] big = new byte[20 << 20]; // several ranges of blocks: fetched on streams of their own
        new SplittableRandom(7).nextBytes(big);
        Files.write(anaTeam.resolve("big.bin"), big);
        anaSync.sync("team", ben.id);
        anaSync.awaitRounds();

        AtomicBoolean deleted = new AtomicBoolean();
        Connector deletingAFirst = new ForwardingConnector(ben.connectorTo(ana)) {
            @Override
            public FileFetch.Source source(PeerId peer) {
                if (!deleted.getAndSet(true)) {
                    deleteOncePlaced(benTeam.resolve("a.txt")); // while big.bin is still to come
                }
                return super.source(peer);
            }
        };
        try (SyncEngine round = new SyncEngine(ben.registry, new SyncRows(ben.storage), deletingAFirst, ben.permissions, ben.id,
                Clock.systemUTC(), FileFetch.Settings.DEFAULT, share -> { })) {
            round.sync("team", ana.id);
            round.awaitRounds();
        }
        assertArrayEquals(big, Files.readAllBytes(benTeam.resolve("big.bin")));
        assertFalse(Files.exists(benTeam.resolve("a.txt")));

        anaSync.roundAll();
        anaSync.awaitRounds();
        assertFalse(Files.exists(anaTeam.resolve("a.txt")), "ben deleted it");
        assertEquals("from ben", Files.readString(anaTeam.resolve("ben.txt")));
        Path trash = anaTeam.resolve(Trash.FOLDER).resolve(LocalDate.now(ZoneOffset.UTC).toString());
        assertEquals("small", Files.readString(trash.resolve("a.txt")), "what ben deleted is in ana's trash");
    }

    private static void deleteOncePlaced(Path file) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (!Files.deleteIfExists(file) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void afterACleanRoundTheNextReadsOnlyWhatThePeerChangedUnlessItsIndexWasReplaced() throws Exception {
        write(anaTeam, "one.txt", "one", 100);
        write(anaTeam, "two.txt", "two", 100);
        syncBothWays();
        SyncRows benRows = new SyncRows(ben.storage);
        ShareRegistry.ShareRoot benRoot = ben.registry.root("team").orElseThrow();
        SyncRows.Pair pair = benRows.pairs().get(0);
        SyncRows.Watermark settled = benRows.watermark(benRoot.id(), ana.id).orElseThrow(() -> new AssertionError("clean rounds keep a watermark"));
        assertEquals(ana.registry.root("team").orElseThrow().id(), settled.index());

        write(anaTeam, "three.txt", "three", 200);
        ana.registry.rescanById(ana.registry.root("team").orElseThrow().id());
        try (FilesClient client = new FilesClient(ana.serveFiles(ben.id))) {
            RoundView delta = RoundView.read(benRoot, pair, Optional.of(settled), client, paths -> Map.of(), ben.index, benRows);
            assertFalse(delta.full());
            assertEquals(List.of("three.txt"), delta.paths(), "only what ana changed since");
            assertTrue(delta.reached().sequence() > settled.sequence());

            RoundView replaced = RoundView.read(benRoot, pair, Optional.of(new SyncRows.Watermark("another-index", settled.sequence())),
                    client, paths -> Map.of(), ben.index, benRows);
            assertTrue(replaced.full(), "a watermark of another index says nothing about this one");
            assertEquals(List.of("one.txt", "three.txt", "two.txt"), replaced.paths());
        }
        settle();
        assertEquals(Map.of("one.txt", "one", "two.txt", "two", "three.txt", "three"), files(benTeam));
    }

    @Test
    void aRoundTakesUpWhatThePeerChangesWhileItsLanesWork() throws Exception {
        List<Map<String, String>> seen = roundWhileALaneWaits(() -> write(anaTeam, "three.txt", "three", 300));
        assertEquals(Map.of("one.txt", "one", "two.txt", "two", "three.txt", "three"), seen.get(1),
                "the first round's end (the listener hears of its start, then of its end) already has three.txt");
    }

    @Test
    void aPathTheRoundTookUpThatChangesAgainIsLeftToTheNextRound() throws Exception {
        List<Map<String, String>> seen = roundWhileALaneWaits(() -> write(anaTeam, "one.txt", "one, again", 300));
        assertEquals(Map.of("one.txt", "one", "two.txt", "two"), seen.get(1), "the first round settled one.txt as it first saw it");
        assertEquals(Map.of("one.txt", "one, again", "two.txt", "two"), seen.get(seen.size() - 1), "the next round took the change");
    }

    private interface Change {
        void make() throws IOException;
    }

    /**
     * Ben's round after ana adds two.txt (one.txt is synced already), during which ana makes {@code change}
     * and tells ben while a lane waits to fetch two.txt; what ben's share held at each call of its listener,
     * which hears of each round's start and end.
     */
    private List<Map<String, String>> roundWhileALaneWaits(Change change) throws Exception {
        write(anaTeam, "one.txt", "one", 100);
        syncBothWays();
        CountDownLatch laneOpening = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        Connector secondStreamWaits = beforeEachOpen(ben.connectorTo(ana), opened -> {
            if (opened == 2) { // the round's own stream is the first, a lane's the second
                laneOpening.countDown();
                awaitQuietly(goOn);
            }
        });
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        try (SyncEngine watched = new SyncEngine(ben.registry, new SyncRows(ben.storage), secondStreamWaits, ben.permissions, ben.id,
                Clock.systemUTC(), FileFetch.Settings.DEFAULT, share -> seen.add(filesQuietly(benTeam)))) {
            write(anaTeam, "two.txt", "two", 200);
            rescan(ana);
            watched.peerChanged(ana.id, "team");
            assertTrue(laneOpening.await(10, TimeUnit.SECONDS), "a lane starts fetching two.txt");
            SyncPair.Progress progress = roundProgress(watched, 1);
            // what each side held, should this fail again (once under a full suite's load: 0 of 1 settled)
            assertEquals(new SyncPair.Progress(1, 2), progress, "one.txt agreed, two.txt waits; ben's share "
                    + files(benTeam) + ", ana's " + files(anaTeam) + ", what ben saw so far " + seen);
            change.make();
            rescan(ana);
            watched.peerChanged(ana.id, "team");
            goOn.countDown();
            watched.awaitRounds();
            assertEquals(Optional.empty(), watched.pairs().get(0).round(), "no round runs");
        }
        return seen;
    }

    @Test
    void aFileMovedAtThePeerIsCopiedFromWhereItWasHereRatherThanFetchedAgain() throws Exception {
        byte[] video = new byte[20 << 20]; // three ranges of blocks: a fetch would open streams of its own
        new SplittableRandom(5).nextBytes(video);
        Files.write(anaTeam.resolve("video.bin"), video);
        syncBothWays();
        Files.createDirectories(anaTeam.resolve("clips"));
        Files.move(anaTeam.resolve("video.bin"), anaTeam.resolve("clips/video.bin"));
        rescan(ana);

        AtomicInteger streams = new AtomicInteger();
        try (SyncEngine counted = new SyncEngine(ben.registry, new SyncRows(ben.storage), beforeEachOpen(ben.connectorTo(ana), streams::set),
                ben.permissions, ben.id, Clock.systemUTC(), FileFetch.Settings.DEFAULT, share -> { })) {
            counted.peerChanged(ana.id, "team");
            counted.awaitRounds();
            assertTrue(counted.pairs().get(0).problem().isEmpty(), counted.pairs().toString());
        }
        assertArrayEquals(video, Files.readAllBytes(benTeam.resolve("clips/video.bin")));
        assertFalse(Files.exists(benTeam.resolve("video.bin")), "the old path is gone, to the trash");
        assertEquals(1, streams.get(), "the round's own stream only: no blocks were asked for");
    }

    @Test
    void aPairWhosePeerWentAwaySinceItsRoundSaysItWaitsUntilThePeerIsBack() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        syncBothWays();
        AtomicBoolean anaOnline = new AtomicBoolean(true);
        Connector comingAndGoing = new ForwardingConnector(ben.connectorTo(ana)) {
            @Override
            public List<PeerId> connected() {
                return anaOnline.get() ? super.connected() : List.of();
            }
        };
        try (SyncEngine watched = new SyncEngine(ben.registry, new SyncRows(ben.storage), comingAndGoing, ben.permissions, ben.id,
                Clock.systemUTC(), FileFetch.Settings.DEFAULT, share -> { })) {
            watched.roundAll();
            watched.awaitRounds();
            assertEquals(SyncPair.State.IDLE, watched.pairs().get(0).state());
            anaOnline.set(false);
            assertEquals(SyncPair.State.WAITING, watched.pairs().get(0).state(), "not idle while its peer is away");
            anaOnline.set(true);
            assertEquals(SyncPair.State.IDLE, watched.pairs().get(0).state());
        }
    }

    @Test
    void aFolderRenamedAtThePeerLeavesNoEmptyFolderBehindHereUnlessSomethingIsStillInIt() throws Exception {
        write(anaTeam, "old/sub/a.txt", "a", 100);
        write(anaTeam, "other/b.txt", "b", 100);
        syncBothWays();
        Files.move(anaTeam.resolve("old"), anaTeam.resolve("new"));
        Files.move(anaTeam.resolve("other"), anaTeam.resolve("another"));
        write(benTeam, "other/notes.txt", "ben's notes", 300);
        rescan(ana);
        rescan(ben);

        settle();

        assertFalse(Files.exists(benTeam.resolve("old")), "old/sub and old went once their file had");
        assertEquals(Map.of("new/sub/a.txt", "a", "another/b.txt", "b", "other/notes.txt", "ben's notes"), files(benTeam));
        assertEquals(files(benTeam), files(anaTeam));
    }

    @Test
    void aRoundStoppedByAFaultOfItsOwnSaysSoAndTheNextRoundTriesAgain() throws Exception {
        write(anaTeam, "notes.txt", "one", 100);
        rescan(ana);
        try (SyncEngine faulty = new SyncEngine(ben.registry, new SyncRows(ben.storage), beforeEachOpen(ben.connectorTo(ana), opened -> {
            throw new IllegalStateException("a bug stand-in");
        }), ben.permissions, ben.id, Clock.systemUTC(), FileFetch.Settings.DEFAULT, share -> { })) {
            faulty.sync("team", ana.id);
            faulty.awaitRounds();
            SyncPair pair = faulty.pairs().get(0);
            assertEquals(SyncPair.State.IDLE, pair.state());
            assertTrue(pair.problem().orElse("").contains("a bug stand-in"), pair.toString());
        }
        assertFalse(Files.exists(benTeam.resolve("notes.txt")));

        benSync.roundAll();
        benSync.awaitRounds();
        assertEquals("one", Files.readString(benTeam.resolve("notes.txt")));
        assertTrue(benSync.pairs().get(0).problem().isEmpty(), benSync.pairs().toString());
    }

    /** A connector to the same peer that is told the ordinal (from 1) of each stream before it opens. */
    private static Connector beforeEachOpen(Connector direct, IntConsumer before) {
        AtomicInteger opened = new AtomicInteger();
        return new ForwardingConnector(direct) {
            @Override
            public FilesClient open(PeerId peer) throws IOException {
                before.accept(opened.incrementAndGet());
                return super.open(peer);
            }
        };
    }

    @Test
    void aRoundOfManySmallFilesAsksForThemAheadAndStillSettlesEachPathItsOwnWay() throws Exception {
        syncBothWays();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            String path = "many/" + (i % 7) + "/file-" + i + ".txt";
            String text = i % 50 == 0 ? "" : "file " + i + " ".repeat(i);
            write(anaTeam, path, text, 100);
            expected.put(path, text);
        }
        write(benTeam, "many/0/file-7.txt", "ben wrote this one first", 500); // newer than ana's: ana's is the kept copy
        write(anaTeam, "many/big.bin", "0123456789".repeat(200_000), 100); // more than one request
        expected.put("many/big.bin", "0123456789".repeat(200_000));

        settle();

        Map<String, String> arrived = files(benTeam);
        assertEquals(files(anaTeam), arrived);
        assertEquals("ben wrote this one first", arrived.remove("many/0/file-7.txt"));
        String copy = SyncPlan.conflictName("many/0/file-7.txt", ana.id, Instant.ofEpochSecond(1_700_000_100L));
        assertEquals(expected.remove("many/0/file-7.txt"), arrived.remove(copy), arrived.keySet().toString());
        assertEquals(expected, arrived);
        for (SyncPair pair : List.of(anaSync.pairs().get(0), benSync.pairs().get(0))) {
            assertTrue(pair.problem().isEmpty(), pair.toString());
        }
    }

    /** Ana's and Ben's "team" in sync with each other, settled. */
    private void syncBothWays() throws Exception {
        anaSync.sync("team", ben.id);
        benSync.sync("team", ana.id);
        settle();
    }

    /**
     * Rounds on both sides until neither changes anything (the peers would tell each other; here the test does).
     * First both indexes take up what the test just wrote: a round skips the walk of a watched share whose watch
     * has not yet reported the change, and a cold JVM's four rounds can all come before it does.
     */
    private void settle() throws Exception {
        rescan(ana);
        rescan(ben);
        for (int i = 0; i < 4; i++) {
            anaSync.roundAll();
            anaSync.awaitRounds();
            benSync.roundAll();
            benSync.awaitRounds();
        }
    }

    /** The running round's progress once it settled {@code settled} paths (lanes settle apart from the caller). */
    private static SyncPair.Progress roundProgress(SyncEngine engine, int settled) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            SyncPair pair = engine.pairs().get(0);
            assertEquals(SyncPair.State.SYNCING, pair.state());
            SyncPair.Progress progress = pair.round().orElseThrow(() -> new AssertionError("a running round tells its progress"));
            if (progress.settled() >= settled || System.nanoTime() > deadline) {
                return progress;
            }
            Thread.sleep(10);
        }
    }

    private static void rescan(FilesFixture fixture) throws Exception {
        fixture.registry.rescanById(fixture.registry.root("team").orElseThrow().id());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> filesQuietly(Path share) {
        try {
            return files(share);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path share, String path, String text, long second) throws IOException {
        Path file = share.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
    }

    /** Every file of the share with its text, leaving out Peerdesk's own folder. */
    private static Map<String, String> files(Path share) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(share)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = share.relativize(file).toString();
                if (!path.startsWith(".peerdesk")) {
                    files.put(path, Files.readString(file));
                }
            }
        }
        return files;
    }
}
