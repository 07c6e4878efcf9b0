package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.testing.SettableClock;
import org.peerdesk.transport.PeerAddress;

class AnnouncementTest {

    private static final List<PeerAddress> ADDRESSES = List.of(new PeerAddress("127.0.0.1", 22070));

    @TempDir
    Path home;

    @Test
    void aSignedAnnouncementVerifiesAndAnyChangedByteBreaksIt() throws Exception {
        LocalIdentity ana = LocalIdentity.inFolder(home.resolve("ana"));
        Announcement announcement = new Announcement(ana.peerId(), "Zoë’s laptop", ADDRESSES, Instant.parse("2026-11-24T10:00:00Z"), 42);
        byte[] packet = announcement.sign(ana);
        assertEquals(Optional.of(announcement), Announcement.verify(packet, packet.length));
        for (int i = 0; i < packet.length; i++) {
            byte[] altered = packet.clone();
            altered[i] ^= 0x10;
            assertTrue(Announcement.verify(altered, altered.length).isEmpty(), "byte " + i + " altered");
        }
        assertTrue(Announcement.verify(packet, packet.length - 1).isEmpty());
        assertTrue(Announcement.verify(new byte[Announcement.MAX_SIZE], Announcement.MAX_SIZE).isEmpty());
    }

    @Test
    void anAnnouncementWhoseNameNoNodeMayHaveIsDropped() throws Exception {
        LocalIdentity ana = LocalIdentity.inFolder(home.resolve("ana"));
        for (String name : List.of("Ana\nServer admin: type your password", "", "x".repeat(65))) {
            byte[] packet = new Announcement(ana.peerId(), name, ADDRESSES, Instant.now(), 1).sign(ana);
            assertTrue(Announcement.verify(packet, packet.length).isEmpty(), "named '" + name + "'");
        }
    }

    @Test
    void anAnnouncementClaimingAnotherPeersIdIsRejected() throws Exception {
        LocalIdentity ana = LocalIdentity.inFolder(home.resolve("ana"));
        LocalIdentity mallory = LocalIdentity.inFolder(home.resolve("mallory"));
        // mallory signs with its own key but writes ana's peer ID into the packet
        byte[] packet = new Announcement(mallory.peerId(), "Ana", ADDRESSES, Instant.now(), 1).sign(mallory);
        ByteBuffer.wrap(packet).position(4).put(ana.peerId().bytes());
        assertTrue(Announcement.verify(packet, packet.length).isEmpty());
    }

    @Test
    void staleFutureAndReplayedAnnouncementsAreIgnored() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));
        ReplayGuard guard = new ReplayGuard(clock);
        LocalIdentity ana = LocalIdentity.inFolder(home.resolve("ana"));
        Announcement first = new Announcement(ana.peerId(), "Ana", ADDRESSES, clock.instant(), 1);
        assertTrue(guard.accept(first));
        assertFalse(guard.accept(first), "the same announcement again");
        assertFalse(guard.accept(new Announcement(ana.peerId(), "Ana", ADDRESSES, clock.instant().minusSeconds(5), 2)), "an older one");
        assertFalse(guard.accept(new Announcement(ana.peerId(), "Ana", ADDRESSES, clock.instant().minus(Duration.ofMinutes(3)), 3)), "stale");
        assertFalse(guard.accept(new Announcement(ana.peerId(), "Ana", ADDRESSES, clock.instant().plus(Duration.ofMinutes(3)), 4)), "from the future");
        clock.advance(Duration.ofSeconds(30));
        assertTrue(guard.accept(new Announcement(ana.peerId(), "Ana", ADDRESSES, clock.instant(), 5)), "the next one");
    }
}
