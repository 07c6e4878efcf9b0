package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoMessagesTest {

    @TempDir
    Path folder;

    @Test
    void aFileSystemErrorSaysWhyBesideTheFileItNames() {
        assertEquals("/srv/x: no such file or folder", IoMessages.of(new NoSuchFileException("/srv/x")));
        assertEquals("/srv/x: permission denied", IoMessages.of(new AccessDeniedException("/srv/x")));
        assertEquals("/srv/x: read-only file system", IoMessages.of(new FileSystemException("/srv/x", null, "Read-only file system")));
        assertEquals("/srv/a -> /srv/b: permission denied", IoMessages.of(new AccessDeniedException("/srv/a", "/srv/b", null)));
        assertEquals("/srv/x: no such file or folder", IoMessages.of(new IOException("/srv/x", new NoSuchFileException("/srv/x"))),
                "a wrapper that only repeats the message");
        assertEquals("the share is gone", IoMessages.of(new IOException("the share is gone", new NoSuchFileException("/srv/x"))));
    }

    @Test
    void whatTheFileSystemRefusesReadsAsAReason() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.txt"), "x");
        IOException refused = assertThrows(IOException.class, () -> Files.createDirectories(file.resolve("sub")));
        assertEquals(file.resolve("sub") + ": not a directory", IoMessages.of(refused));
        IOException missing = assertThrows(IOException.class, () -> Files.readString(folder.resolve("gone.txt")));
        assertEquals(folder.resolve("gone.txt") + ": no such file or folder", IoMessages.of(missing));
    }

    @Test
    void otherErrorsKeepTheirOwnMessage() {
        assertEquals("the peer went away", IoMessages.of(new IOException("the peer went away")));
        assertEquals("EOFException", IoMessages.of(new EOFException()));
    }
}
