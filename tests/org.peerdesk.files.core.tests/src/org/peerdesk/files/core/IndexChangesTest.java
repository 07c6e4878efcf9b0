package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.permissions.Right;
import org.peerdesk.storage.StorageException;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * A peer reads what a share's index changed after a sequence number: from 0 its live files, later
 * only the files written since and the paths where a file went away, whatever replaced it. Listings
 * that do not add up, requests out of bounds and peers without read are refused.
 */
class IndexChangesTest extends ServedShareTest {

    @Test
    void fromZeroThePeerListsItsLiveFilesAndLaterOnlyWhatChanged() throws Exception {
        try (FilesClient client = new FilesClient(ana.serveFiles(FilesFixture.peer(2)))) {
            FilesClient.IndexChanges all = client.changesSince("team", 0);
            assertEquals(team.id(), all.index());
            assertEquals(Set.of("a.txt", "b.txt", "c.txt", "d.txt"), all.files().keySet());

            Files.writeString(team.folder().resolve("a.txt"), "second, and longer");
            Files.delete(team.folder().resolve("b.txt"));
            Files.delete(team.folder().resolve("c.txt"));
            Files.writeString(Files.createDirectory(team.folder().resolve("c.txt")).resolve("inside.txt"), "a folder took its name");
            ana.registry.rescanById(team.id());

            FilesClient.IndexChanges changed = client.changesSince("team", all.last());
            assertEquals(Set.of("a.txt", "b.txt", "c.txt", "c.txt/inside.txt"), changed.files().keySet(), "d.txt did not change");
            assertEquals("second, and longer".length(), changed.files().get("a.txt").entry().size());
            assertNull(changed.files().get("b.txt"), "removed");
            assertNull(changed.files().get("c.txt"), "a folder now: no file by that name");
            assertNotNull(changed.files().get("c.txt/inside.txt"));
            assertTrue(changed.last() > all.last());

            assertEquals(Set.of(), client.changesSince("team", changed.last()).files().keySet(), "nothing since");
            assertEquals(Set.of("a.txt", "c.txt/inside.txt", "d.txt"), client.changesSince("team", 0).files().keySet(),
                    "from 0: the live files only");
        }
    }

    @Test
    void aFilePlacedBeforeTheUserChangedItIsNotRecordedOverTheirVersion() throws Exception {
        Manifest fetched = ana.index.manifest(team.id(), "a.txt").orElseThrow();
        ShareIndex.Change placed = new ShareIndex.Change("a.txt", Scanner.state(false, attributes("a.txt")), fetched.blockSize(),
                fetched.hashes(), false);
        ShareIndex.Change untouched = new ShareIndex.Change("b.txt", Scanner.state(false, attributes("b.txt")), fetched.blockSize(),
                fetched.hashes(), false);
        Files.writeString(team.folder().resolve("a.txt"), "the user's own, longer text");
        ana.registry.rescanById(team.id());

        List<String> leftOut = ana.index.applyWhereStill(team.id(), List.of(placed, untouched),
                change -> Scanner.stillAsRecorded(team.folder().resolve(change.path()), change.file()));

        assertEquals(List.of("a.txt"), leftOut);
        assertEquals("the user's own, longer text".length(), ana.index.manifest(team.id(), "a.txt").orElseThrow().entry().size(),
                "the scan's record of the user's version stands");
        assertArrayEquals(fetched.hashes(), ana.index.manifest(team.id(), "b.txt").orElseThrow().hashes(),
                "the file still as placed is recorded");
    }

    private java.nio.file.attribute.BasicFileAttributes attributes(String path) throws Exception {
        return Files.readAttributes(team.folder().resolve(path), java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void everyChangeUpToTheLastSequenceAnsweredIsInTheAnswerWhileWritesGoOn() throws Exception {
        long before = ana.index.changes(team.id(), 0, 100).last();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    ana.index.apply(team.id(), List.of(new ShareIndex.Change("written/" + i, new IndexedFile(false, 1, i, 0644, ""),
                            Manifest.MIN_BLOCK, new byte[Manifest.HASH_BYTES], false)));
                } catch (StorageException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try {
            for (int read = 0; read < 500; read++) {
                ShareIndex.ChangePage page = ana.index.changes(team.id(), before, Integer.MAX_VALUE - 1);
                Set<Long> listed = page.changes().stream().map(FilesWire.IndexChange::sequence).collect(Collectors.toSet());
                for (long sequence = before + 1; sequence <= page.last(); sequence++) {
                    assertTrue(listed.contains(sequence), "change " + sequence + " counts as read but is not in the answer");
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void aPeerWithoutReadOnTheShareLearnsNothing() throws Exception {
        ana.permissions = new Allowing(Right.WRITE);
        try (FilesClient client = new FilesClient(ana.serveFiles(FilesFixture.peer(2)))) {
            FilesWire.RemoteError refused = assertThrows(FilesWire.RemoteError.class, () -> client.changesSince("team", 0));
            assertTrue(refused.getMessage().startsWith("Not granted"), refused.getMessage());
        }
    }

    @Test
    void aRequestOutOfBoundsIsRefusedWithTheReason() throws Exception {
        FilesWire.RemoteError refused = refusal(out -> {
            out.writeByte(FilesWire.CHANGES);
            out.writeUTF("team");
            out.writeLong(-1);
            out.writeInt(10);
        });
        assertTrue(refused.getMessage().contains("cannot be listed"), refused.getMessage());
    }

    @Test
    void aListingWhoseSequenceNumbersDoNotRiseIsRefused() throws Exception {
        Manifest file = ana.index.manifest(team.id(), "a.txt").orElseThrow();
        FilesClient client = listing(out -> FilesWire.writeChange(out, new FilesWire.IndexChange(7, "a.txt", file)),
                out -> FilesWire.writeChange(out, new FilesWire.IndexChange(5, "b.txt", null)));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> client.changesSince("team", 0));
        assertTrue(refused.getMessage().contains("change 5 after 7."), refused.getMessage());
    }

    @Test
    void aFileThePeersRulesCameToLeaveOutIsListedAsSuchAndAChangeOfAnUnknownKindIsRefused() throws Exception {
        Manifest file = ana.index.manifest(team.id(), "a.txt").orElseThrow();
        FilesClient client = listing(out -> FilesWire.writeChange(out, new FilesWire.IndexChange(7, "a.txt", file).leftOutIf(true)));
        FilesClient.IndexChanges changes = client.changesSince("team", 0);
        assertEquals(Set.of("a.txt"), changes.leftOut());
        assertTrue(Manifest.sameVersion(file, changes.files().get("a.txt")), "with the version it had when it was left out");

        FilesClient unknown = listing(out -> {
            out.writeLong(7);
            out.writeByte(3);
        });
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> unknown.changesSince("team", 0));
        assertTrue(refused.getMessage().contains("unknown kind 3"), refused.getMessage());
    }

    @Test
    void aPeerThatPromisesMoreAndListsNothingIsRefused() throws Exception {
        FilesClient client = new FilesClient(answering(out -> {
            out.writeUTF(team.id());
            out.writeLong(9);
            out.writeInt(0);
            out.writeBoolean(true);
        }));
        assertThrows(InvalidInputException.class, () -> client.changesSince("team", 0));
    }

    @Test
    void aNegativeLastChangeIsRefused() throws Exception {
        FilesClient client = new FilesClient(answering(out -> {
            out.writeUTF(team.id());
            out.writeLong(-5);
            out.writeInt(0);
            out.writeBoolean(false);
        }));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> client.changesSince("team", 0));
        assertTrue(refused.getMessage().contains("-5"), refused.getMessage());
    }

    @Test
    void basesAreAskedForAPageOfPathsAtMost() throws Exception {
        FilesWire.RemoteError refused = refusal(out -> {
            out.writeByte(FilesWire.BASES);
            out.writeUTF("team");
            out.writeInt(FilesWire.MAX_PAGE + 1);
        });
        assertTrue(refused.getMessage().contains("1 to " + FilesWire.MAX_PAGE + " paths"), refused.getMessage());
    }

    @Test
    void aBaseForAPathNotAskedAboutIsRefused() throws Exception {
        FilesClient client = new FilesClient(answering(out -> {
            out.writeInt(1);
            out.writeUTF("other.txt");
            out.write(new byte[Manifest.HASH_BYTES]);
        }));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> client.bases("team", List.of("a.txt")));
        assertTrue(refused.getMessage().contains("'other.txt', which was not asked about"), refused.getMessage());
    }

    @Test
    void aPeerWithoutBasesWithTheAskerAnswersNone() throws Exception {
        try (FilesClient client = new FilesClient(ana.serveFiles(FilesFixture.peer(2)))) {
            assertEquals(Map.of(), client.bases("team", List.of("a.txt", "b.txt")));
        }
    }

    /** What one side of the wire writes. */
    private interface Answer {
        void write(DataOutputStream out) throws Exception;
    }

    /** Sends what {@code request} writes to ana's server as it is, and returns the server's refusal. */
    /** A peer whose CHANGES answer, its last change 9, lists what each of {@code changes} writes. */
    private FilesClient listing(Answer... changes) throws Exception {
        return new FilesClient(answering(out -> {
            out.writeUTF(team.id());
            out.writeLong(9);
            out.writeInt(changes.length);
            for (Answer change : changes) {
                change.write(out);
            }
            out.writeBoolean(false);
        }));
    }

    private FilesWire.RemoteError refusal(Answer request) throws Exception {
        try (Stream stream = ana.serveFiles(FilesFixture.peer(2))) {
            DataOutputStream out = new DataOutputStream(stream.output());
            request.write(out);
            out.flush();
            return assertThrows(FilesWire.RemoteError.class, () -> FilesWire.readStatus(new DataInputStream(stream.input())));
        }
    }

    /** A peer that reads one request and sends {@code answer} after an OK, whatever was asked. */
    private static Stream answering(Answer answer) throws Exception {
        PipeStream[] ends = PipeStream.pair(FilesFixture.peer(2), FilesFixture.peer(1), ProtocolId.of(FilesWire.PROTOCOL));
        Thread.ofPlatform().daemon().start(() -> {
            try {
                FilesWire.readRequest(new DataInputStream(ends[1].input()));
                DataOutputStream out = new DataOutputStream(ends[1].output());
                out.writeByte(FilesWire.OK);
                answer.write(out);
                out.flush();
            } catch (Exception e) {
                // the test sees what the client made of it
            }
        });
        return ends[0];
    }
}
