package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.files.FileEntry;

/** Where a round finds content it would otherwise fetch: a file it is removing, wherever that went. */
class LocalCopiesTest {

    @TempDir
    Path home;

    @Test
    void aPartFileStartsAsACopyOfTheFileWithTheSameContentWhereverItWasMoved() throws Exception {
        LocalCopies copies = new LocalCopies();
        Path old = Files.writeString(home.resolve("old.txt"), "the same bytes");
        copies.at(manifest("old.txt", 1), old);
        Path trash = Files.createDirectories(home.resolve("trash"));
        assertEquals(trash.resolve("old.txt"), copies.moveAway(manifest("old.txt", 1), () -> Files.move(old, trash.resolve("old.txt"))));

        Path part = home.resolve(".new.txt.peerdesk-part");
        assertTrue(copies.seed(manifest("new.txt", 1), part), "the same content under another name and time");
        assertEquals("the same bytes", Files.readString(part));
        assertFalse(copies.seed(manifest("new.txt", 1), part), "a part file already there is an earlier attempt: left as it is");
        assertFalse(copies.seed(manifest("other.txt", 2), home.resolve(".other.txt.peerdesk-part")), "no file has that content");
    }

    @Test
    void aCopyThatIsGoneLeavesNothingBehind() throws Exception {
        LocalCopies copies = new LocalCopies();
        copies.at(manifest("gone.txt", 1), home.resolve("gone.txt"));
        Path part = home.resolve(".new.txt.peerdesk-part");
        assertFalse(copies.seed(manifest("new.txt", 1), part));
        assertFalse(Files.exists(part));
    }

    /** A manifest whose content is told apart by {@code content} alone. */
    private static Manifest manifest(String path, int content) {
        byte[] hashes = new byte[32];
        hashes[0] = (byte) content;
        return new Manifest(new FileEntry(path, false, 14, Instant.ofEpochSecond(1_700_000_000L + path.length()), 0644), 128 * 1024, hashes);
    }
}
