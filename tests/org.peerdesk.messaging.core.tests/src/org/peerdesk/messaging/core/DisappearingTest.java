package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;

/** Messages set to disappear go from every member's node when their time comes, and are kept in no backup. */
class DisappearingTest extends TwoPeers {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long MINUTE_MILLIS = 60_000;

    @Test
    void aSettingReachesTheOtherMemberAndTheMessagesFromThenOnGoFromBothNodesInTheirTime() throws Exception {
        network.connect(ana, ben);
        Message before = ana.messenger().send(chat, "written before the setting");
        Await.until(() -> ben.messenger().message(before.id()).isPresent(), () -> "ben did not get ana's message");

        Message note = ana.messenger().setDisappearing(chat, HOUR);
        assertEquals(Message.Kind.SETTING, note.kind());
        assertEquals("You set messages to disappear 1 hour after they are written", note.body());
        Await.until(() -> ben.messenger().message(note.id()).isPresent(), () -> "ben did not get the setting");
        assertEquals("ana set messages to disappear 1 hour after they are written", ben.messenger().message(note.id()).orElseThrow().body());
        assertEquals(HOUR, ben.messenger().conversation(chat).orElseThrow().disappearAfter(), "the setting is ben's too");
        Message after = ben.messenger().send(chat, "written after the setting");
        Await.until(() -> ana.messenger().message(after.id()).isPresent(), () -> "ana did not get ben's message");

        Path backup = Files.createDirectories(home.resolve("backup"));
        ana.messaging.writeConversations(backup);
        String kept = kept(backup);
        assertTrue(kept.contains("written before the setting"), kept);
        assertFalse(kept.contains("written after the setting"), "a message set to disappear is kept in no backup");

        long written = after.sent().toEpochMilli();
        for (TestPeer peer : List.of(ana, ben)) {
            Await.until(() -> !peer.messenger().search("after", 10).isEmpty(), () -> peer.name + " did not index the message");
            assertEquals(Set.of(), peer.messenger().sweepDisappeared(written + 59 * MINUTE_MILLIS), "not yet");
            assertTrue(peer.messenger().message(after.id()).isPresent());
            assertEquals(Set.of(chat), peer.messenger().sweepDisappeared(written + 61 * MINUTE_MILLIS));
            assertTrue(peer.messenger().message(after.id()).isEmpty(), "gone from " + peer.name);
            assertTrue(peer.messenger().message(note.id()).isEmpty(), "the note goes in its own time too");
            assertTrue(peer.messenger().message(before.id()).isPresent(), "what was written before stays");
            assertEquals(List.of(), peer.messenger().search("after", 10), "and its words are found no more");
        }
        assertEquals(List.of(), ben.dropped);
    }

    @Test
    void aTakeOverKeepsTheSettingsAndBringsBackNoneOfTheMessagesSetToDisappear() throws Exception {
        network.connect(ana, ben);
        Message kept = ana.messenger().send(chat, "written before the setting");
        ana.messenger().setDisappearing(chat, HOUR);
        Message fleeting = ana.messenger().send(chat, "written after the setting");
        Await.until(() -> ben.messenger().message(fleeting.id()).isPresent(), () -> "ben did not get ana's messages");
        Path backup = Files.createDirectories(home.resolve("backup"));
        ana.messaging.writeConversations(backup);

        ana = lost(ana);
        ana.messaging.takeBackConversations(backup, ana.id(), List.of());
        assertEquals(HOUR, ana.messenger().conversation(chat).orElseThrow().disappearAfter(), "the setting is back");
        assertTrue(ana.messenger().message(kept.id()).isPresent());
        assertTrue(ana.messenger().message(fleeting.id()).isEmpty(), "what was set to disappear was kept nowhere");
        network.connect(ana, ben);
        Await.until(() -> ana.messaging.catchUps.pending().isEmpty(), () -> "ben did not answer");
        assertTrue(ana.messenger().message(fleeting.id()).isEmpty(), "nor does ben give it back");
    }

    @Test
    void aMessageLeftInTheOutboxGoesWithItsTimeAndNeverReachesTheOtherMember() throws Exception {
        Message setting = ana.messenger().setDisappearing(chat, HOUR);
        Message unsent = ana.messenger().send(chat, "ben is away");
        assertEquals(Set.of(chat), ana.messenger().sweepDisappeared(unsent.sent().toEpochMilli() + 61 * MINUTE_MILLIS));
        assertTrue(ana.messenger().message(unsent.id()).isEmpty());
        assertTrue(ana.messenger().message(setting.id()).isPresent(), "the setting's note stays until the setting reaches ben");

        ana.messenger().setDisappearing(chat, Duration.ZERO);
        Message later = ana.messenger().send(chat, "ben is back");
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().message(later.id()).isPresent(), () -> "ben did not get ana's later message");
        assertTrue(ben.messenger().message(unsent.id()).isEmpty(), "what went before ben came is not sent at all");
        assertTrue(ben.messenger().message(setting.id()).isPresent(), "the setting is");
        assertEquals(Duration.ZERO, ben.messenger().conversation(chat).orElseThrow().disappearAfter(), "the newest setting counts");
    }

    @Test
    void aMessageThatComesAfterItsTimeIsNotStoredAndTheSettingInForceWhenItWasWrittenDecides() throws Exception {
        long now = System.currentTimeMillis();
        byte[] setting = ana.seal(envelope(now - 3 * 60 * MINUTE_MILLIS, new Envelope.Disappear(HOUR.toMillis())));
        Envelope late = envelope(now - 2 * 60 * MINUTE_MILLIS, new Envelope.Text("written while set to disappear", List.of()));
        Envelope older = envelope(now - 4 * 60 * MINUTE_MILLIS, new Envelope.Text("written before the setting", List.of()));
        // the setting arrives last: the order they arrive in changes nothing
        assertEquals(List.of(Verdict.STORED, Verdict.STORED, Verdict.STORED), fromAna(ana.seal(late), ana.seal(older), setting));
        assertTrue(ben.messenger().message(older.id()).isPresent());
        assertEquals(Set.of(chat), ben.messenger().sweepDisappeared(now), "the one that came before its setting goes at the sweep");
        assertTrue(ben.messenger().message(late.id()).isEmpty());

        Envelope again = envelope(now - 2 * 60 * MINUTE_MILLIS, new Envelope.Text("another, as late", List.of()));
        assertEquals(List.of(Verdict.STORED), fromAna(ana.seal(again)), "acknowledged, so that it is not sent again");
        assertTrue(ben.messenger().message(again.id()).isEmpty(), "but not stored: on every other node it is gone already");
        assertTrue(ben.messenger().message(older.id()).isPresent());
        assertEquals(List.of(), ben.dropped);
    }

    @Test
    void onlyAMemberSetsItAndOnlyWithinItsBounds() throws Exception {
        TestPeer cai = new TestPeer("cai", home, network);
        network.connect(ana, ben);
        Message hello = ana.messenger().send(chat, "hello");
        Await.until(() -> ben.messenger().message(hello.id()).isPresent(), () -> "ben did not get ana's message");
        byte[] fromCai = cai.seal(new Envelope(Envelopes.newId(), chat, cai.id(), System.currentTimeMillis() << HybridClock.COUNTER_BITS,
                new Envelope.Disappear(HOUR.toMillis())));
        ben.messaging.inbox.accept(new Inbox.Direct(cai.id()), List.of(fromCai));
        assertEquals(Duration.ZERO, ben.messenger().conversation(chat).orElseThrow().disappearAfter());
        assertTrue(ben.dropped.stream().anyMatch(reason -> reason.contains("who is not a member")), ben.dropped.toString());

        for (Duration wrong : List.of(Duration.ofSeconds(30), Duration.ofDays(366), Duration.ofHours(-1))) {
            MessagingException refused = assertThrows(MessagingException.class, () -> ana.messenger().setDisappearing(chat, wrong));
            assertEquals("That cannot be set: messages last from 1 minute to 365 days after they are written, or are kept.",
                    refused.getMessage());
        }
        assertEquals(Duration.ZERO, ana.messenger().conversation(chat).orElseThrow().disappearAfter());
        cai.close();
    }

    private Envelope envelope(long millis, Envelope.Payload payload) {
        return new Envelope(Envelopes.newId(), chat, ana.id(), millis << HybridClock.COUNTER_BITS, payload);
    }

    /** Everything the backup's files hold, as text. */
    private static String kept(Path folder) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
