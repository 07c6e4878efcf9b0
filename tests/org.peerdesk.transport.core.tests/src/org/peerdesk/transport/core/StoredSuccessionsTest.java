package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.Attention;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.transport.event.IdentityMoved;

/**
 * The newest machine each identity was seen on, in a real database: kept across restarts, never lowered, each newer one
 * told once; and the machine
 * whose own identity a peer saw on a newer one tells its user that it speaks for the node no more.
 */
class StoredSuccessionsTest {

    @TempDir
    Path home;

    private final List<IdentityMoved> moved = new ArrayList<>();

    @Test
    void theNewestMachineSeenIsKeptAcrossRestartsAndNeverLowered() throws Exception {
        PeerId ana = LocalIdentity.inFolder(home.resolve("ana")).peerId();
        PeerId ben = LocalIdentity.inFolder(home.resolve("ben")).peerId();
        try (DataDirectory directory = DataDirectory.open(home.resolve("node")); H2Storage storage = new H2Storage(directory)) {
            StoredSuccessions record = new StoredSuccessions(storage, moved::add);
            assertEquals(0, record.newest(ana));
            record.saw(ana, 2);
            record.saw(ana, 1);
            record.saw(ana, 2);
            record.saw(ben, 1);
        }
        assertEquals(List.of(new IdentityMoved(ana, 2), new IdentityMoved(ben, 1)), moved, "each newer machine told once");
        try (DataDirectory directory = DataDirectory.open(home.resolve("node")); H2Storage storage = new H2Storage(directory)) {
            StoredSuccessions record = new StoredSuccessions(storage, moved::add);
            assertEquals(List.of(2, 1), List.of(record.newest(ana), record.newest(ben)));
        }
    }

    @Test
    void aMachineWhoseIdentityWasSeenOnANewerOneIsToldItSpeaksForTheNodeNoMore() throws Exception {
        LocalIdentity identity = LocalIdentity.inFolder(home.resolve("identity"));
        identity.rename("Ana's laptop");
        try (DataDirectory directory = DataDirectory.open(home.resolve("node")); H2Storage storage = new H2Storage(directory)) {
            StoredSuccessions record = new StoredSuccessions(storage, moved::add);
            SuccessionAttention attention = new SuccessionAttention(identity, record);
            assertEquals(List.of(), attention.attention());
            record.saw(identity.peerId(), 1);
            assertEquals(List.of(new Attention("node", "this machine speaks for Ana's laptop no more: another machine took its place"
                    + " from a backup, and peers refuse this one; start this machine over as a node of its own",
                    "peerdesk start-over", "org.peerdesk.app.command.startOver")), attention.attention());
        }
    }
}
