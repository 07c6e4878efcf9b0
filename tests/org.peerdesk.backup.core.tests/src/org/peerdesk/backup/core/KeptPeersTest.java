package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.backup.BackupException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.PeerAddress;

/** The peers and grants a node's backups keep, written as text and read back by the node that takes its place. */
class KeptPeersTest {

    private static final PeerId BEN = PeerId.ofPublicKey(new byte[] {1});
    private static final PeerId CLEO = PeerId.ofPublicKey(new byte[] {2});

    @TempDir
    Path folder;

    private static KeptPeers kept() throws Exception {
        return new KeptPeers(List.of(
                new KeptPeers.Peer(BEN, "Ben = \"the holder\" # at home: 東京", Optional.of(new PeerAddress("192.168.1.5", 22070)),
                        List.of(new PeerAddress("ben.example.org", 22070), new PeerAddress("2001:db8::5", 22071)), false),
                new KeptPeers.Peer(CLEO, "Cleo", Optional.empty(), List.of(), true)),
                List.of(new KeptPeers.Given(CLEO, new GrantTerms(Resource.parse("docs/reports 2026"), EnumSet.of(Right.READ, Right.WRITE),
                                Optional.of(Instant.parse("2027-01-31T12:00:00Z")), OptionalLong.empty()), Grant.Origin.REQUEST),
                        new KeptPeers.Given(BEN, new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(),
                                OptionalLong.of(5L << 30)), Grant.Origin.GRANTED)));
    }

    @Test
    void whatIsWrittenIsReadBackAsItWas() throws Exception {
        kept().write(folder);
        assertEquals(kept(), KeptPeers.read(folder));
    }

    @Test
    void theFileChangesOnlyWhenWhatItSaysDoesAndReadsAsAList() throws Exception {
        kept().write(folder);
        String first = Files.readString(folder.resolve(KeptPeers.FILE));
        kept().write(folder);
        assertEquals(first, Files.readString(folder.resolve(KeptPeers.FILE)), "no time stamp in it");
        List<String> lines = first.lines().toList();
        assertTrue(lines.get(0).startsWith("#The peers this node knows"), first);
        assertTrue(lines.indexOf("grant.1.peer=" + CLEO) < lines.indexOf("grant.2.peer=" + BEN)
                && lines.indexOf("peer.1.id=" + BEN) < lines.indexOf("peer.2.id=" + CLEO), first);
    }

    @Test
    void aDamagedFileIsRefusedSayingWhatIsWrong() throws Exception {
        kept().write(folder);
        Path file = folder.resolve(KeptPeers.FILE);
        String good = Files.readString(file);
        for (String[] damage : new String[][] {
                {"peer.2.name=Cleo\n", "", "peer.2.name is missing"},
                {"peer.1.id=" + BEN, "peer.1.id=not-a-peer", "is damaged: "},
                {"grant.1.rights=read,write", "grant.1.rights=read,fly", "is damaged: "},
                {"grant.2.origin=granted", "grant.2.origin=stolen", "is damaged: "},
                {"grant.1.expires=2027-01-31T12\\:00\\:00Z", "grant.1.expires=soon", "is damaged: "},
                {"grant.2.quota=5368709120", "grant.2.quota=-5", "is damaged: "}}) {
            assertTrue(good.contains(damage[0]), damage[0] + " in " + good);
            Files.writeString(file, good.replace(damage[0], damage[1]));
            BackupException refused = assertThrows(BackupException.class, () -> KeptPeers.read(folder), damage[1]);
            assertTrue(refused.getMessage().contains(damage[2]) && refused.getMessage().startsWith(file.toString()), refused.getMessage());
        }
        Files.delete(file);
        assertTrue(assertThrows(BackupException.class, () -> KeptPeers.read(folder)).getMessage().startsWith("Cannot read " + file));
    }
}
