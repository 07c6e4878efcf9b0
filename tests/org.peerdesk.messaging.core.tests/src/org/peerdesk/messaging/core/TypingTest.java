package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.testing.SettableClock;
import org.peerdesk.transport.ProtocolId;

/**
 * Typing notices: sent at most every few seconds and only to the conversation's other members, shown
 * for a few seconds or until the member's message arrives, taken only from members; and between two
 * peers joined by in-memory streams, including what a peer sends that is not a notice.
 */
class TypingTest {

    private static final PeerId ANA = PeerId.ofPublicKey(new byte[] {1});
    private static final PeerId BEN = PeerId.ofPublicKey(new byte[] {2});
    private static final PeerId CAL = PeerId.ofPublicKey(new byte[] {3});
    private static final PeerId EVE = PeerId.ofPublicKey(new byte[] {4});
    private static final ConversationId GROUP = ConversationId.random();

    @TempDir
    Path home;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final List<List<PeerId>> changes = new CopyOnWriteArrayList<>();
    private final Map<ConversationId, List<PeerId>> members = Map.of(GROUP, List.of(ANA, BEN, CAL));
    /** Ana's side: the group of ana, ben and cal; notices go to {@link #told}, changes to {@link #changes}. */
    private final Typing typing = new Typing(ANA, clock, conversation -> Optional.ofNullable(members.get(conversation)),
            (peer, conversation) -> told.add(peer.equals(BEN) ? "ben" : peer.equals(CAL) ? "cal" : "someone else"),
            (conversation, typing) -> changes.add(typing), Runnable::run, timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void theOtherMembersHearAtMostOnceEveryFewSeconds() {
        typing.typing(GROUP);
        typing.typing(GROUP);
        assertEquals(List.of("ben", "cal"), told);

        clock.advance(Typing.NOTICE_EVERY.minusMillis(1));
        typing.typing(GROUP);
        assertEquals(2, told.size(), "too soon for another notice");
        clock.advance(Duration.ofMillis(1));
        typing.typing(GROUP);
        assertEquals(List.of("ben", "cal", "ben", "cal"), told);

        typing.typing(ConversationId.random());
        assertEquals(4, told.size(), "no notice about a conversation this node is not in");
    }

    @Test
    void aMembersNoticeCountsForAFewSecondsOrUntilItsMessageArrives() throws Exception {
        typing.heard(BEN, GROUP);
        typing.heard(CAL, GROUP);
        assertEquals(List.of(List.of(BEN), sorted(BEN, CAL)), changes);
        assertEquals(sorted(BEN, CAL), typing.typingIn(GROUP));

        clock.advance(Typing.SHOWN_FOR.minusSeconds(2));
        typing.heard(BEN, GROUP);
        assertEquals(2, changes.size(), "ben still typing is no change");
        typing.arrived(message(CAL));
        assertEquals(List.of(BEN), typing.typingIn(GROUP));
        assertEquals(List.of(BEN), changes.get(2));

        clock.advance(Typing.SHOWN_FOR.minusSeconds(1));
        typing.expire();
        assertEquals(List.of(BEN), typing.typingIn(GROUP), "ben's second notice still counts");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), typing.typingIn(GROUP));
        typing.expire();
        assertEquals(List.of(), changes.get(3));
        assertEquals(4, changes.size());
    }

    @Test
    void noticesFromNonMembersOrAboutUnknownConversationsAreIgnored() throws Exception {
        typing.heard(EVE, GROUP);
        typing.heard(BEN, ConversationId.random());
        assertEquals(List.of(), typing.typingIn(GROUP));
        assertEquals(List.of(), changes);
    }

    @Test
    void aPeerSeesTheOtherTypingUntilTheMessageArrives() throws Exception {
        try (TestNetwork network = new TestNetwork(); TestPeer ana = new TestPeer("ana", home, network);
                TestPeer ben = new TestPeer("ben", home, network)) {
            network.connect(ana, ben);
            ConversationId chat = ana.messenger().direct(ben.id()).id();
            ben.messenger().direct(ana.id());

            ana.messenger().typing(chat);
            // the listener hears of a change just after the state has it
            Await.until(() -> ben.messenger().typingIn(chat).equals(List.of(ana.id())) && ben.typingChanges.equals(List.of(List.of(ana.id()))),
                    () -> "ben did not see ana typing: " + ben.typingChanges);

            ana.messenger().send(chat, "here it is");
            Await.until(() -> ben.messenger().typingIn(chat).isEmpty() && ben.typingChanges.equals(List.of(List.of(ana.id()), List.of())),
                    () -> "ana's message did not end her typing: " + ben.typingChanges);
        }
    }

    @Test
    void aPeerWithoutTheRightToMessageIsNotHeard() throws Exception {
        try (TestNetwork network = new TestNetwork(); TestPeer ana = new TestPeer("ana", home, network);
                TestPeer ben = new TestPeer("ben", home, network)) {
            network.connect(ana, ben);
            ben.mayMessage.put(ana.id(), false);
            ConversationId chat = ana.messenger().direct(ben.id()).id();
            ben.messenger().direct(ana.id());

            ana.messenger().typing(chat);
            Await.until(() -> network.refusedBy(ben, TypingWire.PROTOCOL) == 1, () -> "ben did not refuse the stream");
            assertEquals(List.of(), ben.messenger().typingIn(chat));
            ana.messaging.typingLinks.tell(ben.id(), chat);
            assertEquals(1, network.refusedBy(ben, TypingWire.PROTOCOL), "a peer that refused is not asked again until it reconnects");
        }
    }

    @Test
    void aTruncatedNoticeEndsTheStreamAndAFloodIsSlowedDown() throws Exception {
        try (TestNetwork network = new TestNetwork(); TestPeer ana = new TestPeer("ana", home, network);
                TestPeer ben = new TestPeer("ben", home, network)) {
            ConversationId chat = ben.messenger().direct(ana.id()).id();
            PipeStream[] ends = PipeStream.pair(ana.id(), ben.id(), ProtocolId.of(TypingWire.PROTOCOL));
            try (OutputStream out = ends[0].output()) {
                out.write(chat.bytes());
                out.write(new byte[] {1, 2, 3});
            }
            EOFException cut = assertThrows(EOFException.class, () -> ben.messaging.typingServer.serve(ends[1]));
            assertTrue(cut.getMessage().contains("3 of its 16 bytes"), cut.getMessage());
            assertEquals(List.of(ana.id()), ben.messenger().typingIn(chat), "the whole notice before it counted");

            PipeStream[] flood = PipeStream.pair(ana.id(), ben.id(), ProtocolId.of(TypingWire.PROTOCOL));
            int notices = (int) TypingServer.BURST + 2 * (int) TypingServer.PER_SECOND;
            Thread writer = Thread.ofVirtual().start(() -> {
                try (OutputStream out = flood[0].output()) {
                    for (int i = 0; i < notices; i++) {
                        out.write(chat.bytes());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long start = System.nanoTime();
            ben.messaging.typingServer.serve(flood[1]);
            writer.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds >= 1.5, "the notices beyond the burst waited for the rate: " + seconds + " s");
        }
    }

    private static List<PeerId> sorted(PeerId... peers) {
        List<PeerId> list = new ArrayList<>(List.of(peers));
        list.sort(null);
        return list;
    }

    private static Message message(PeerId author) {
        return new Message("0".repeat(32), GROUP, Message.Kind.TEXT, author, 1, "hi", List.of(), false, Message.Delivery.RECEIVED, false,
                Optional.empty(), Message.Reach.NONE, Optional.empty(), Message.Revision.ORIGINAL,
                Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());
    }
}
