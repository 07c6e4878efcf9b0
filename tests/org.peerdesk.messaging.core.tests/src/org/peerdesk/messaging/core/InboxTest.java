package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.core.Envelope.Members;
import org.peerdesk.messaging.core.Envelope.Names;
import org.peerdesk.messaging.core.Envelope.Text;

/** What the inbox keeps and what it refuses: order, duplicates, and every kind of bad envelope. */
class InboxTest extends TwoPeers {

    @Test
    void aConversationIsOrderedByItsClockWhateverOrderMessagesArriveIn() throws Exception {
        long now = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        byte[] second = ana.seal(text("second", now + 5));
        byte[] first = ana.seal(text("first", now + 1));
        byte[] third = ana.seal(text("third", now + 9));
        assertEquals(List.of(Verdict.STORED, Verdict.STORED, Verdict.STORED), fromAna(third, first, second));
        assertEquals(List.of("first", "second", "third"), bodies());
        assertEquals(List.of("first"), ben.messenger().before(chat, ben.messenger().latest(chat, 3).get(1).id(), 5)
                .stream().map(Message::body).toList());
    }

    @Test
    void theSameMessageTwiceIsKeptOnce() throws Exception {
        byte[] once = ana.seal(text("only once", System.currentTimeMillis() << HybridClock.COUNTER_BITS));
        assertEquals(List.of(Verdict.STORED, Verdict.STORED), fromAna(once, once));
        assertEquals(List.of(Verdict.STORED), fromAna(once));
        assertEquals(List.of("only once"), bodies());
        assertEquals(1, ben.messenger().conversation(chat).orElseThrow().unread());
    }

    @Test
    void forgedMalformedAndOversizedEnvelopesAreRefusedAndReported() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        byte[] good = ana.seal(text("genuine", clock));
        byte[] tampered = good.clone();
        tampered[new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("genuine")] ^= 1; // inside the signed text
        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        try (TestPeer eve = new TestPeer("eve", home, network)) {
            byte[] claimed = eve.seal(new Envelope(Envelopes.newId(), chat, eve.id(), clock, new Text("I am ana", List.of())));
            byte[] badUtf8 = resigned(ana, text("ab", clock), "ab", new byte[] {(byte) 0xc3, 0x28});
            byte[] oversized = ana.seal(text("x".repeat(MessageService.MAX_BODY_BYTES + 1), clock));
            byte[] escaping = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock,
                    new Text("see the file", List.of(new Attachment(3, "attachments/../../etc/passwd")))));

            List<Verdict> verdicts = fromAna(tampered, truncated, claimed, badUtf8, oversized, escaping);
            assertTrue(verdicts.stream().allMatch(verdict -> verdict.kind() == Verdict.Kind.REFUSED), verdicts.toString());
            assertTrue(verdicts.get(0).reason().contains("signature"), verdicts.get(0).reason());
            assertTrue(verdicts.get(1).reason().contains("ends early"), verdicts.get(1).reason());
            assertTrue(verdicts.get(2).reason().contains("may not pass on"), verdicts.get(2).reason());
            assertTrue(verdicts.get(3).reason().contains("UTF-8"), verdicts.get(3).reason());
            assertTrue(verdicts.get(4).reason().contains("over the limit"), verdicts.get(4).reason());
            assertTrue(verdicts.get(5).reason().contains("not a path in a share"), verdicts.get(5).reason());
            assertEquals(6, ben.dropped.size(), "each refusal is reported for the audit log");
            assertEquals(List.of(), bodies());
        }
        assertEquals(List.of(Verdict.STORED), fromAna(good));
    }

    @Test
    void mailFromAPeerWithoutTheMessageRightIsRefused() throws Exception {
        ben.mayMessage.put(ana.id(), false);
        byte[] mail = ana.seal(text("through a mailbox", System.currentTimeMillis() << HybridClock.COUNTER_BITS));
        try (TestPeer box = new TestPeer("box", home, network)) {
            List<Verdict> verdicts = ben.messaging.inbox.accept(new Inbox.ViaMailbox(box.id()), List.of(mail));
            assertEquals(Verdict.Kind.REFUSED, verdicts.get(0).kind());
            assertTrue(ben.dropped.get(0).contains("without the message right"), ben.dropped.toString());
        }
    }

    @Test
    void onlyAGroupsCreatorChangesItsMembersAndUnknownGroupsWait() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        ConversationId team = ConversationId.random();
        byte[] early = ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock + 2, new Text("before the group", List.of())));
        assertEquals(Verdict.Kind.LATER, fromAna(early).get(0).kind());

        byte[] created = ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock, new Members("Team", List.of(ana.id(), ben.id()))));
        assertEquals(List.of(Verdict.STORED, Verdict.STORED), fromAna(early, created), "what waited for the group is taken with it");
        try (TestPeer eve = new TestPeer("eve", home, network)) {
            byte[] takeover = eve.seal(new Envelope(Envelopes.newId(), team, eve.id(), clock + 5,
                    new Members("Mine now", List.of(eve.id(), ben.id()))));
            List<Verdict> verdicts = ben.messaging.inbox.accept(new Inbox.Direct(eve.id()), List.of(takeover));
            assertEquals(Verdict.Kind.REFUSED, verdicts.get(0).kind());
            assertTrue(verdicts.get(0).reason().contains("did not create it"), verdicts.get(0).reason());
        }
        assertEquals("Team", ben.messenger().conversation(team).orElseThrow().title());
        assertEquals(2, ben.messenger().conversation(team).orElseThrow().members().size());
    }

    @Test
    void membersNamesComeFromTheGroupsCreatorOnlyAndOnlyForItsMembers() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        ConversationId team = ConversationId.random();
        try (TestPeer cai = new TestPeer("cai", home, network); TestPeer eve = new TestPeer("eve", home, network)) {
            ben.strangers.add(cai.id());
            byte[] early = ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock, new Names(Map.of(cai.id(), "Cai"))));
            assertEquals(Verdict.Kind.LATER, fromAna(early).get(0).kind(), "names wait for their group");
            fromAna(ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock + 1, new Members("Team", List.of(ana.id(), ben.id(), cai.id())))));
            String idInTheNote = ben.messenger().latest(team, 1).get(0).body();
            assertTrue(idInTheNote.contains(cai.id().shortForm()), idInTheNote);

            assertEquals(List.of(Verdict.STORED), fromAna(ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock + 2,
                    new Names(Map.of(cai.id(), "Cai", eve.id(), "Not a member"))))));
            assertEquals(Map.of(cai.id(), "Cai"), ben.messenger().memberNames());
            assertEquals("ana created \"Team\" with Cai and you", ben.messenger().latest(team, 1).get(0).body());

            byte[] impostor = eve.seal(new Envelope(Envelopes.newId(), team, eve.id(), clock + 3, new Names(Map.of(cai.id(), "Eve's friend"))));
            Verdict refused = ben.messaging.inbox.accept(new Inbox.Direct(eve.id()), List.of(impostor)).get(0);
            assertTrue(refused.reason().contains("did not create it"), refused.reason());
            assertEquals(Map.of(cai.id(), "Cai"), ben.messenger().memberNames());
        }
    }

    @Test
    void aListSayingAMemberLeftReadsSoAndOneThatKeepsThatMemberIsRefused() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        ConversationId team = ConversationId.random();
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            fromAna(ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock, new Members("Team", List.of(ana.id(), ben.id(), cai.id())))));
            byte[] keeps = ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock + 1,
                    new Members("Team", List.of(ana.id(), ben.id(), cai.id()), Optional.of(cai.id()))));
            assertEquals(Verdict.Kind.REFUSED, fromAna(keeps).get(0).kind());
            assertTrue(ben.dropped.get(0).contains("keeps the member it says left"), ben.dropped.toString());

            fromAna(ana.seal(new Envelope(Envelopes.newId(), team, ana.id(), clock + 2,
                    new Members("Team", List.of(ana.id(), ben.id()), Optional.of(cai.id())))));
            assertEquals("cai left", ben.messenger().latest(team, 1).get(0).body());
            assertEquals(2, ben.messenger().conversation(team).orElseThrow().members().size());
        }
    }

    @Test
    void searchFindsMessagesHoldingEveryWordInAnyCase() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        fromAna(ana.seal(text("The quarterly Report is ready", clock)), ana.seal(text("lunch at noon?", clock + 1)),
                ana.seal(text("report: lunch moved", clock + 2)));
        assertEquals(List.of("report: lunch moved", "The quarterly Report is ready"),
                ben.messenger().search("REPORT", 10).stream().map(Message::body).toList());
        assertEquals(List.of("report: lunch moved"), ben.messenger().search("lunch report", 10).stream().map(Message::body).toList());
        assertEquals(List.of(), ben.messenger().search("dinner", 10));
        DeliveryTest.assertThrowsMessage("at least one word", () -> ben.messenger().search(" ?! ", 10));
    }

    @Test
    void aClearedHistoryLeavesNoTraceInSearchAndDoesNotComeBackWhenItsMessagesArriveAgain() throws Exception {
        ben.messenger().send(ben.messenger().direct(ana.id()).id(), "my report draft"); // ana is not connected: it waits in the outbox
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        byte[] one = ana.seal(text("report one", clock));
        byte[] two = ana.seal(text("report two", clock + 1));
        fromAna(one, two);
        ben.messaging.indexer.catchUp(); // one batch: the draft, then ana's two
        byte[] three = ana.seal(text("report three, not indexed yet", clock + 2));
        fromAna(three);
        assertEquals(3, ben.messenger().conversation(chat).orElseThrow().unread());

        assertEquals(3, ben.messenger().clearHistory(chat));
        assertEquals(List.of("my report draft"), bodies(), "a message still on its way stays");
        assertEquals(0, ben.messenger().conversation(chat).orElseThrow().unread());
        assertEquals(List.of("my report draft"), ben.messenger().search("report", 1).stream().map(Message::body).toList(),
                "the newest match is the draft: the deleted ones left the index");
        ben.messaging.indexer.catchUp();
        assertEquals(List.of("my report draft"), ben.messenger().search("report", 1).stream().map(Message::body).toList());

        assertEquals(List.of(Verdict.STORED, Verdict.STORED, Verdict.STORED), fromAna(one, two, three), "taken as stored already");
        assertEquals(List.of("my report draft"), bodies(), "not shown again");
        fromAna(ana.seal(text("report four", clock + 3)));
        ben.messaging.indexer.catchUp();
        assertEquals(List.of("report four", "my report draft"), ben.messenger().search("report", 10).stream().map(Message::body).toList());
        DeliveryTest.assertThrowsMessage("There is no conversation", () -> ben.messenger().clearHistory(ConversationId.random()));
    }

    private Envelope text(String body, long clock) {
        return new Envelope(Envelopes.newId(), chat, ana.id(), clock, new Text(body, List.of()));
    }

    private List<String> bodies() throws Exception {
        return ben.messenger().latest(chat, 100).stream().map(Message::body).toList();
    }

    /** The envelope with the bytes of {@code text} replaced by {@code replacement}, signed by its author. */
    private static byte[] resigned(TestPeer author, Envelope envelope, String text, byte[] replacement) throws Exception {
        byte[] content = Envelopes.content(envelope, author.author.publicKey());
        byte[] original = text.getBytes(StandardCharsets.UTF_8);
        int at = content.length - Short.BYTES - original.length; // the text, then its (empty) attachment count
        System.arraycopy(replacement, 0, content, at, replacement.length);
        return BatchSignatures.sign(List.of(content), author::sign).get(0);
    }
}
