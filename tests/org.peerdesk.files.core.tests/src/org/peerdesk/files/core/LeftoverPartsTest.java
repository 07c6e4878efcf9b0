package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download taken off the list leaves no partial file behind, and deletes nothing else. */
class LeftoverPartsTest {

    @TempDir
    Path home;

    @Test
    void aFileDownloadLosesItsPartFileOnly() throws Exception {
        Path target = home.resolve("report.pdf");
        Files.write(PartFile.of(target), new byte[300]);
        Files.writeString(home.resolve("other.txt"), "mine");

        assertEquals(300, LeftoverParts.discard(target));
        assertFalse(Files.exists(PartFile.of(target)));
        assertEquals("mine", Files.readString(home.resolve("other.txt")));
        assertEquals(0, LeftoverParts.discard(target), "nothing left to discard is no error");
    }

    @Test
    void aFolderDownloadLosesThePartFilesInsideItButNotThoseBehindLinks() throws Exception {
        Path target = Files.createDirectories(home.resolve("photos/2026"));
        Files.write(target.resolve(".a.jpg.peerdesk-part"), new byte[10]);
        Files.write(home.resolve("photos/.b.jpg.peerdesk-part"), new byte[20]);
        Files.write(home.resolve("photos/c.jpg"), new byte[40]);
        Files.write(home.resolve("photos/not-hidden.peerdesk-part"), new byte[5]);
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.write(elsewhere.resolve(".d.jpg.peerdesk-part"), new byte[80]);
        Files.createSymbolicLink(target.resolve("link"), elsewhere);

        assertEquals(30, LeftoverParts.discard(home.resolve("photos")));
        assertFalse(Files.exists(target.resolve(".a.jpg.peerdesk-part")));
        assertFalse(Files.exists(home.resolve("photos/.b.jpg.peerdesk-part")));
        assertTrue(Files.exists(home.resolve("photos/c.jpg")), "finished files stay");
        assertTrue(Files.exists(home.resolve("photos/not-hidden.peerdesk-part")), "only this node's hidden part files go");
        assertTrue(Files.exists(elsewhere.resolve(".d.jpg.peerdesk-part")), "a link is not followed out of the download");
    }
}
