package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.FilesException;

/** What cannot be compared line by line says why, and leaves both versions as they are. */
class ConflictTextsTest {

    private static final Conflict CONFLICT = new Conflict(1, "team", "notes.txt", "notes (conflict).txt", FilesFixture.peer(2), Instant.EPOCH,
            java.util.Optional.empty());

    @TempDir
    Path share;

    @Test
    void twoTextsAreComparedLineByLine() throws Exception {
        Files.writeString(share.resolve("notes.txt"), "same\nmine\n");
        Files.writeString(share.resolve("notes (conflict).txt"), "same\ntheirs\n");
        assertEquals("--- notes.txt\n+++ notes (conflict).txt\n@@ -1,2 +1,2 @@\n same\n-mine\n+theirs\n", ConflictTexts.compare(CONFLICT, share));
    }

    @Test
    void aBinaryOrMissingOrTooLargeVersionIsNotCompared() throws Exception {
        Files.writeString(share.resolve("notes.txt"), "text");
        Files.write(share.resolve("notes (conflict).txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        assertEquals("'notes (conflict).txt' is not text (UTF-8) to take line by line; open both versions to choose between them.",
                assertThrows(FilesException.class, () -> ConflictTexts.compare(CONFLICT, share)).getMessage());
        Files.write(share.resolve("notes (conflict).txt"), new byte[] {'a', (byte) 0xC3, '('}); // not UTF-8
        assertThrows(FilesException.class, () -> ConflictTexts.compare(CONFLICT, share));
        Files.delete(share.resolve("notes (conflict).txt"));
        assertEquals("'notes (conflict).txt' is gone; refresh the conflicts.",
                assertThrows(FilesException.class, () -> ConflictTexts.compare(CONFLICT, share)).getMessage());
        Files.write(share.resolve("notes (conflict).txt"), new byte[(int) ConflictTexts.MAX_BYTES + 1]);
        assertEquals("'notes (conflict).txt' holds 4.0 MiB, more than the 4.0 MiB taken line by line here; open both versions to choose between them.",
                assertThrows(FilesException.class, () -> ConflictTexts.compare(CONFLICT, share)).getMessage());
        assertEquals("text", Files.readString(share.resolve("notes.txt")), "nothing was changed");
    }
}
