package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FileEntry;
import org.peerdesk.permissions.Right;

/**
 * Uploads into a real share over in-memory streams: the file arrives verified with its time and mode;
 * a new version sends only the changed blocks and the old one goes to the trash; garbage, a missing
 * grant, paths that leave the share or reach into its own folder are refused and change nothing.
 */
class UploadTest {

    private static final PeerId SENDER = FilesFixture.peer(9);

    @TempDir
    Path home;
    private FilesFixture receiver;
    private ShareRegistry.ShareRoot inbox;
    private Path local;
    private byte[] content;

    @BeforeEach
    void start() throws Exception {
        receiver = new FilesFixture(home.resolve("receiver"));
        inbox = receiver.share("inbox");
        content = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(content);
        local = Files.write(Files.createDirectories(home.resolve("sender")).resolve("a.bin"), content);
        Files.setLastModifiedTime(local, FileTime.fromMillis(1_700_000_000_000L));
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-x---"));
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
    }

    @Test
    void aFileArrivesVerifiedAndANewVersionSendsOnlyWhatChanged() throws Exception {
        AtomicLong done = new AtomicLong();
        try (WriteClient client = new WriteClient(receiver.serveWrites(SENDER))) {
            FileUpload upload = new FileUpload(receiver.hasher, done::addAndGet, () -> false);
            upload.send(client, "inbox", "docs/a.bin", local);
            Path arrived = inbox.folder().resolve("docs/a.bin");
            assertArrayEquals(content, Files.readAllBytes(arrived));
            assertEquals(FileTime.fromMillis(1_700_000_000_000L), Files.getLastModifiedTime(arrived));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(arrived)));
            assertEquals(content.length, done.get());

            byte[] second = content.clone();
            second[200_000] ^= 1; // one block changes
            Files.write(local, second);
            Manifest changed = manifest("docs/a.bin", second);
            java.util.BitSet need = client.offer("inbox", changed);
            assertEquals(1, need.cardinality(), "only the changed block is asked for");
            int block = need.nextSetBit(0);
            client.send(java.util.Arrays.copyOfRange(second, (int) changed.offset(block), second.length), changed.length(block));
            client.finish();
            assertArrayEquals(second, Files.readAllBytes(arrived));
            Path trashed = inbox.folder().resolve(Trash.FOLDER).resolve(LocalDate.now(ZoneOffset.UTC).toString()).resolve("docs/a.bin");
            assertArrayEquals(content, Files.readAllBytes(trashed), "the replaced version is kept in the trash");
        }
    }

    @Test
    void garbageIsRefusedAndTheStreamGoesOn() throws Exception {
        Path target = Files.writeString(inbox.folder().resolve("a.bin"), "the old version");
        try (WriteClient client = new WriteClient(receiver.serveWrites(SENDER))) {
            Manifest manifest = manifest("a.bin", content);
            java.util.BitSet need = client.offer("inbox", manifest);
            byte[] garbage = new byte[manifest.blockSize()];
            for (int block = need.nextSetBit(0); block >= 0; block = need.nextSetBit(block + 1)) {
                client.send(garbage, manifest.length(block));
            }
            FilesWire.RemoteError refused = assertThrows(FilesWire.RemoteError.class, client::finish);
            assertTrue(refused.getMessage().contains("did not match its hash"), refused.getMessage());
            assertEquals("the old version", Files.readString(target));

            new FileUpload(receiver.hasher, bytes -> { }, () -> false).send(client, "inbox", "a.bin", local);
            assertArrayEquals(content, Files.readAllBytes(target));
            assertFalse(Files.exists(PartFile.of(target)), "no part file left once the file is in place");
        }
    }

    @Test
    void withoutWriteNothingIsWritten() throws Exception {
        receiver.permissions = new Allowing(Right.READ);
        try (WriteClient client = new WriteClient(receiver.serveWrites(SENDER))) {
            FileUpload upload = new FileUpload(receiver.hasher, bytes -> { }, () -> false);
            FilesWire.RemoteError refused = assertThrows(FilesWire.RemoteError.class, () -> upload.send(client, "inbox", "a.bin", local));
            assertTrue(refused.getMessage().contains("Not granted: write on inbox/a.bin"), refused.getMessage());
        }
        assertFalse(Files.exists(inbox.folder().resolve("a.bin")));
    }

    @Test
    void pathsThatLeaveTheShareOrReachIntoItsOwnFolderAreRefused() throws Exception {
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.createSymbolicLink(inbox.folder().resolve("link"), outside);
        FileUpload upload = new FileUpload(receiver.hasher, bytes -> { }, () -> false);
        for (String[] bad : new String[][] {{"link/a.bin", "symbolic link"}, {".peerdesk/trash/a.bin", "is ignored"},
            {"x.peerdesk-part", "is ignored"}, {"../a.bin", "does not stay inside"}, {"/etc/a.bin", "absolute"}}) {
            try (WriteClient client = new WriteClient(receiver.serveWrites(SENDER))) {
                FilesWire.RemoteError refused = assertThrows(FilesWire.RemoteError.class, () -> upload.send(client, "inbox", bad[0], local));
                assertTrue(refused.getMessage().contains(bad[1]), bad[0] + ": " + refused.getMessage());
            }
        }
        try (var left = Files.list(outside)) {
            assertEquals(0, left.count(), "nothing reached the folder outside the share");
        }
    }

    @Test
    void whatTheSharesIgnoreRulesLeaveOutIsRefusedAndTheRestArrives() throws Exception {
        Files.writeString(inbox.folder().resolve(".peerdeskignore"), "videos/\n*.tmp\n");
        FileUpload upload = new FileUpload(receiver.hasher, bytes -> { }, () -> false);
        for (String ignored : new String[] {"videos/clip.bin", "videos/2026/clip.bin", "notes.tmp", "docs/notes.tmp"}) {
            try (WriteClient client = new WriteClient(receiver.serveWrites(SENDER))) {
                FilesWire.RemoteError refused = assertThrows(FilesWire.RemoteError.class, () -> upload.send(client, "inbox", ignored, local));
                assertEquals("'" + ignored + "' is ignored in 'inbox'; it cannot be written there.", refused.getMessage());
            }
        }
        assertFalse(Files.exists(inbox.folder().resolve("videos")), "nothing written below an ignored folder");
        try (WriteClient client = new WriteClient(receiver.serveWrites(SENDER))) {
            upload.send(client, "inbox", "videos-old/clip.bin", local);
        }
        assertArrayEquals(content, Files.readAllBytes(inbox.folder().resolve("videos-old/clip.bin")), "a sibling the rules do not name");
    }

    private Manifest manifest(String path, byte[] bytes) throws Exception {
        Path file = Files.write(home.resolve("manifest.tmp"), bytes);
        int blockSize = Manifest.blockSizeFor(bytes.length);
        return new Manifest(new FileEntry(path, false, bytes.length, Instant.ofEpochSecond(1_700_000_100L), 0644), blockSize,
                receiver.hasher.hash(file, bytes.length, blockSize).get());
    }
}
