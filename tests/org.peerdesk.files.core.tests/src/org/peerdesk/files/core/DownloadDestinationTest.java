package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Transfer;

/** Where a download may go, and what it says when the disk will not have it there. */
class DownloadDestinationTest extends TransferPairTest {

    @Override
    void prepare() throws Exception {
        owner.indexedShare("docs", "a.txt");
    }

    @Test
    void aFileOrAFolderBelowOneIsRefusedAtOnceAndNothingIsListed() throws Exception {
        Path file = Files.writeString(home.resolve("notes.txt"), "mine");
        for (Path destination : List.of(file, file.resolve("sub"))) {
            FilesException refused = assertThrows(FilesException.class,
                    () -> transfers.download(owner.id, "docs/a.txt", Optional.of(destination)));
            assertEquals("Cannot download into " + destination + ": " + file + " is a file. Name a folder (it is made if missing).",
                    refused.getMessage());
        }
        assertEquals(List.of(), transfers.transfers());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aFolderTheDiskWillNotMakeIsNamedWithTheReason() throws Exception {
        Path unmakeable = Path.of("/proc/peerdesk-downloads"); // the kernel's own file system takes no new folders, not even root's
        Transfer failed = events.ended(transfers.download(owner.id, "docs/a.txt", Optional.of(unmakeable)).id());
        assertEquals(Transfer.State.FAILED, failed.state());
        assertEquals("Could not download 'a.txt': " + unmakeable + ": no such file or folder", failed.problem().orElseThrow());
    }
}
