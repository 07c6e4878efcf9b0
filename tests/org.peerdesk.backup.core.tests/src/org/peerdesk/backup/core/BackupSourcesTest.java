package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.spi.BackupSource;

/** Data of an area's or a plugin's own, kept in a set's snapshots beside its folders, and never lost to a failing write. */
class BackupSourcesTest {

    @TempDir
    Path temp;
    private TestNet net;
    private TestNode owner;
    private TestNode holder;
    private Path photos;
    private final Diary diary = new Diary();

    /** A source whose files are what the test puts in it, or whose write fails while {@code failing} says why. */
    private static final class Diary implements BackupSource {
        final Map<String, String> files = new TreeMap<>();
        String failing;

        @Override
        public String name() {
            return "diary";
        }

        @Override
        public String label() {
            return "the diary";
        }

        @Override
        public void write(Path into) throws IOException {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = into.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
                if (failing != null) {
                    throw new IOException(failing); // after writing some: none of it may count
                }
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        net = new TestNet();
        owner = new TestNode("owner", temp.resolve("nodes"), net);
        holder = new TestNode("holder", temp.resolve("nodes"), net);
        photos = Folders.fill(Files.createDirectories(temp.resolve("home/photos")), 1);
        owner.backups.sources.add(diary);
        diary.files.put("monday.txt", "rain");
        diary.files.put("week 2/tuesday.txt", "sun");
    }

    @AfterEach
    void stop() {
        owner.close();
        holder.close();
        net.close();
    }

    @Test
    void aSetThatTakesASourceKeepsItsDataBesideItsFoldersAndARestoreBringsItBack() throws Exception {
        takeDiary();
        owner.backups.run("photos", BackupProgress.NONE);

        owner.backups.restore("photos", "latest", "", temp.resolve("restored"), BackupProgress.NONE);
        assertEquals(Folders.describe(photos), Folders.describe(temp.resolve("restored/photos")), "the folder as before");
        assertEquals(Map.of("monday.txt", "rain", "week 2/tuesday.txt", "sun"), files(temp.resolve("restored/Peerdesk/diary")));
        assertEquals(List.of("diary"), owner.backups.set("photos").orElseThrow().sources());
    }

    @Test
    void aFailingOrMissingSourceLeavesItsLastFilesInTheSnapshotAndTheRunSaysWhy() throws Exception {
        takeDiary();
        owner.backups.run("photos", BackupProgress.NONE);
        diary.files.put("monday.txt", "rain, then snow");
        diary.failing = "the diary is locked";

        owner.backups.run("photos", BackupProgress.NONE);
        assertTrue(owner.backups.set("photos").orElseThrow().lastProblem().orElseThrow()
                .contains("The data of 'diary' could not be written for the snapshot (the diary is locked), so it keeps what was written"
                        + " for it last."));
        assertEquals(Map.of("monday.txt", "rain", "week 2/tuesday.txt", "sun"), restored("failing"), "the first run's files");

        owner.backups.sources.remove(diary);
        owner.backups.run("photos", BackupProgress.NONE);
        assertTrue(owner.backups.set("photos").orElseThrow().lastProblem().orElseThrow()
                .contains("Nothing installed here backs up 'diary' now, so the snapshot keeps what was written for it last."));
        assertEquals(Map.of("monday.txt", "rain", "week 2/tuesday.txt", "sun"), restored("missing"));

        owner.backups.sources.add(diary);
        diary.failing = null;
        diary.files.remove("week 2/tuesday.txt");
        owner.backups.run("photos", BackupProgress.NONE);
        assertEquals(Optional.empty(), owner.backups.set("photos").orElseThrow().lastProblem());
        assertEquals(Map.of("monday.txt", "rain, then snow"), restored("written"), "written again, what it no longer writes goes");
    }

    @Test
    void aFileWhoseBytesDidNotChangeIsLeftAsItWasSoTheRunSkipsIt() throws Exception {
        takeDiary();
        owner.backups.run("photos", BackupProgress.NONE);
        Path kept;
        try (var files = Files.walk(temp.resolve("nodes/owner/backup-sources"))) {
            kept = files.filter(file -> file.getFileName().toString().equals("monday.txt")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(kept, FileTime.fromMillis(1_000_000_000_000L));
        owner.backups.run("photos", BackupProgress.NONE);
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(kept), "not written over");
        diary.files.put("monday.txt", "hail");
        owner.backups.run("photos", BackupProgress.NONE);
        assertEquals("hail", Files.readString(kept));
    }

    @Test
    void aSetTakesOnlyInstalledSourcesAndOneLeftOutLosesItsFolder() throws Exception {
        BackupException refused = assertThrows(BackupException.class, () -> owner.backups.addSet("photos", List.of(photos),
                List.of("notes"), List.of(holder.id), 1, Optional.empty()));
        assertEquals("Nothing installed here backs up 'notes'; what does: diary (the diary).", refused.getMessage());
        takeDiary();
        owner.backups.run("photos", BackupProgress.NONE);

        owner.backups.addSet("photos", List.of(photos), List.of(), List.of(holder.id), 1, Optional.empty());
        owner.backups.run("photos", BackupProgress.NONE);
        owner.backups.restore("photos", "latest", "", temp.resolve("without"), BackupProgress.NONE);
        assertFalse(Files.exists(temp.resolve("without/Peerdesk")), "the set no longer takes the diary");
        assertTrue(Files.isDirectory(temp.resolve("without/photos")));
    }

    @Test
    void aSetRecoveredOnANewMachineKeepsWhatItsSourcesWroteOnTheLostOneApartFromWhatTheyWriteNow() throws Exception {
        takeDiary();
        owner.backups.run("photos", BackupProgress.NONE);
        String phrase = owner.backups.recoveryPhrase();
        owner.close();
        net.setOnline(owner, false);
        try (TestNode fresh = new TestNode("fresh", temp.resolve("nodes"), net)) {
            Diary newDiary = new Diary();
            newDiary.files.put("wednesday.txt", "wind");
            fresh.backups.sources.add(newDiary);
            fresh.backups.recover(phrase, Optional.empty(), BackupProgress.NONE);
            fresh.backups.run("photos", BackupProgress.NONE);

            fresh.backups.restore("photos", "latest", "Peerdesk", temp.resolve("after"), BackupProgress.NONE);
            assertEquals(Map.of("wednesday.txt", "wind"), files(temp.resolve("after/Peerdesk/diary")), "what this machine writes");
            assertEquals(Map.of("monday.txt", "rain", "week 2/tuesday.txt", "sun"),
                    files(temp.resolve("after/Peerdesk/from earlier machines/diary")), "and what the lost one wrote, kept apart");
        }
    }

    @Test
    void aRecordCarriesTheSetsSourcesAndOneOfAnEarlierVersionReadsAsTakingNone() throws Exception {
        SetDefinition set = new SetDefinition("photos", List.of("/home/ana/photos"), List.of("conversations", "notes"),
                List.of("ab".repeat(32)), 2, 0);
        Records.SnapshotRecord record = new Records.SnapshotRecord("2026-12-07T101500Z", set, 1L, 2, 3, 4, List.of(), List.of());
        byte[] encoded = Records.encodeRecord(record);
        assertEquals(record, Records.decodeRecord(encoded));

        int sourcesBytes = 4 + (4 + "conversations".length()) + (4 + "notes".length());
        Records.SnapshotRecord earlier = Records.decodeRecord(Arrays.copyOf(encoded, encoded.length - sourcesBytes));
        assertEquals(List.of(), earlier.set().sources());
        assertEquals(set.folders(), earlier.set().folders());
    }

    private void takeDiary() throws BackupException {
        owner.backups.addSet("photos", List.of(photos), List.of("diary"), List.of(holder.id), 1, Optional.empty());
    }

    private Map<String, String> restored(String into) throws Exception {
        owner.backups.restore("photos", "latest", "Peerdesk", temp.resolve(into), BackupProgress.NONE);
        return files(temp.resolve(into).resolve("Peerdesk/diary"));
    }

    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
