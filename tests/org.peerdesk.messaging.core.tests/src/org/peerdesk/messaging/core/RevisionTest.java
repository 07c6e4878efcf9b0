package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/** A message's author edits or deletes it: on its own node at once, and on each recipient's as the change arrives. */
class RevisionTest extends TwoPeers {

    @Test
    void anEditReachesTheRecipientInTheMessagesPlaceAndSearchFindsOnlyItsNewWords() throws Exception {
        Message sent = ana.messenger().send(chat, "Lunch at noon?");
        ana.messenger().send(chat, "I booked a table");
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 2, () -> "ben did not get the messages");
        ben.storage.transact(WordIndex::indexBatch); // ben's copy is in the index's postings; ana's still waits to be indexed

        Message edited = ana.messenger().edit(sent.id(), "Lunch at one?");
        assertEquals("Lunch at one?", edited.body());
        assertEquals(Message.Revision.EDITED, edited.revision());
        Await.until(() -> message(ben, sent.id()).revision() == Message.Revision.EDITED, () -> "the edit did not reach ben");
        Message there = message(ben, sent.id());
        assertEquals("Lunch at one?", there.body());
        assertEquals(sent.clock(), there.clock(), "it keeps its place");
        assertEquals(sent.id(), ben.messenger().latest(chat, 10).get(0).id());
        for (TestPeer peer : List.of(ana, ben)) {
            assertEquals(List.of(), peer.messenger().search("noon", 10), peer.name + " still finds the old word");
            assertEquals(List.of(sent.id()), peer.messenger().search("one", 10).stream().map(Message::id).toList(), peer.name);
            peer.storage.transact(WordIndex::indexBatch);
            assertEquals(List.of(sent.id()), peer.messenger().search("lunch one", 10).stream().map(Message::id).toList(),
                    peer.name + ", indexed");
            assertEquals(List.of(), peer.messenger().search("noon", 10), peer.name + ", indexed");
        }
        assertEquals(Message.Revision.ORIGINAL, ben.messenger().latest(chat, 10).get(1).revision());
    }

    @Test
    void aDeletionLeavesANoteInItsPlaceEverywhereAndIsFinal() throws Exception {
        Message sent = ana.messenger().send(chat, "the door code is 4711", List.of(Files.writeString(home.resolve("code.txt"), "4711")));
        assertTrue(ana.offeredTo.containsKey(sent.id()));
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the message");
        assertEquals(1, ben.messenger().conversation(chat).orElseThrow().unread());

        Message deleted = ana.messenger().delete(sent.id());
        assertEquals(Message.Revision.DELETED, deleted.revision());
        assertEquals("", deleted.body());
        Await.until(() -> message(ben, sent.id()).revision() == Message.Revision.DELETED, () -> "the deletion did not reach ben");
        assertEquals("", message(ben, sent.id()).body());
        assertEquals(List.of(), message(ben, sent.id()).attachments(), "its files are no longer offered there");
        assertFalse(ana.offeredTo.containsKey(sent.id()), "nor here: they are withdrawn");
        assertEquals(0, ben.messenger().conversation(chat).orElseThrow().unread(), "a deleted message is no longer unread");
        assertEquals(List.of(), ben.messenger().search("4711", 10));
        assertEquals(List.of(), ana.messenger().search("4711", 10));

        MessagingException edit = assertThrows(MessagingException.class, () -> ana.messenger().edit(sent.id(), "again"));
        assertEquals("The message cannot change: the message was deleted.", edit.getMessage());
        assertThrows(MessagingException.class, () -> ana.messenger().delete(sent.id()));
        long clock = sent.clock() + (1000L << HybridClock.COUNTER_BITS);
        assertEquals(Verdict.STORED, oneFromAna(amend(sent.id(), clock, Optional.of("back from the dead"))));
        assertEquals("", message(ben, sent.id()).body(), "nothing brings a deleted message back");
    }

    @Test
    void aMessageDeletedBeforeItLeftNeverReachesTheRecipient() throws Exception {
        Message kept = ana.messenger().send(chat, "see you at 6");
        Message sent = ana.messenger().send(chat, "my bank PIN is 1234");
        ana.messenger().delete(sent.id());
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the message kept");
        Await.until(() -> ana.messenger().waiting().isEmpty(), () -> "ana's outbox did not empty");
        assertEquals(List.of(kept.id()), ben.messenger().latest(chat, 10).stream().map(Message::id).toList());
        assertTrue(ben.added.stream().noneMatch(added -> added.body().contains("PIN")), "ben never saw it");
        assertEquals(Message.Revision.DELETED, message(ana, sent.id()).revision());
    }

    @Test
    void onlyItsAuthorChangesAMessageAndAForgedChangeIsDroppedAndAudited() throws Exception {
        Message sent = ana.messenger().send(chat, "Meet at 9");
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the message");

        MessagingException notHers = assertThrows(MessagingException.class, () -> ben.messenger().edit(sent.id(), "Meet at 10"));
        assertTrue(notHers.getMessage().startsWith("Only its author edits or deletes a message"), notHers.getMessage());
        assertThrows(MessagingException.class, () -> ben.messenger().delete(sent.id()));

        byte[] forged = ben.seal(new Envelope(Envelopes.newId(), chat, ben.id(), sent.clock() + 1,
                new Envelope.Amend(sent.id(), Optional.of("Meet at 11"))));
        Verdict verdict = ana.messaging.inbox.accept(new Inbox.Direct(ben.id()), List.of(forged)).get(0);
        assertEquals(Verdict.Kind.REFUSED, verdict.kind());
        assertTrue(ana.dropped.stream().anyMatch(reason -> reason.contains("who did not write it there")), ana.dropped.toString());
        assertEquals("Meet at 9", message(ana, sent.id()).body());
        assertEquals(Message.Revision.ORIGINAL, message(ana, sent.id()).revision());

        MessagingException empty = assertThrows(MessagingException.class, () -> ana.messenger().edit(sent.id(), "  "));
        assertTrue(empty.getMessage().contains("the new text is empty"), empty.getMessage());
        MessagingException tooLong = assertThrows(MessagingException.class,
                () -> ana.messenger().edit(sent.id(), "x".repeat(MessageService.MAX_BODY_BYTES + 1)));
        assertTrue(tooLong.getMessage().contains("at most " + MessageService.MAX_BODY_BYTES + " fit"), tooLong.getMessage());
        assertThrows(MessagingException.class, () -> ana.messenger().edit("0".repeat(32), "nothing there"));
        assertEquals("Meet at 9", message(ana, sent.id()).body(), "nothing refused changed it");
    }

    @Test
    void onlyTheNewestChangeCountsHoweverTheyArriveAndOneForAMessageNotHereChangesNothing() throws Exception {
        Message sent = ana.messenger().send(chat, "version one");
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the message");
        network.disconnect(ana, ben);
        long step = 1L << HybridClock.COUNTER_BITS;

        byte[] third = amend(sent.id(), sent.clock() + 3 * step, Optional.of("version three"));
        assertEquals(Verdict.STORED, oneFromAna(third));
        assertEquals(Verdict.STORED, oneFromAna(amend(sent.id(), sent.clock() + 2 * step, Optional.of("version two"))));
        assertEquals("version three", message(ben, sent.id()).body(), "an edit that comes late changes nothing");
        assertEquals(Verdict.STORED, oneFromAna(amend(sent.id(), sent.clock() + 4 * step, Optional.of("version four"))));
        assertEquals(Verdict.STORED, oneFromAna(third));
        assertEquals("version four", message(ben, sent.id()).body(), "an edit that comes again changes nothing");

        assertEquals(Verdict.STORED, oneFromAna(amend("1".repeat(32), sent.clock() + 5 * step, Optional.of("what message?"))));
        assertEquals(List.of(), ben.dropped);
        assertEquals(1, ben.messenger().latest(chat, 10).size());
    }

    @Test
    void aChangeThatComesBeforeItsMessageWaitsForItFromItsAuthorOnly() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String late = Envelopes.newId();
        String forgedFor = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(amend(late, clock + 3, Optional.of("Lunch at one?"))));
        assertEquals(Verdict.STORED, oneFromAna(amend(late, clock + 2, Optional.of("an older change"))));
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            ConversationId withCai = ConversationId.direct(cai.id(), ben.id());
            for (String target : List.of(late, forgedFor)) { // newer than ana's change, which makes no difference
                byte[] forged = cai.seal(new Envelope(Envelopes.newId(), withCai, cai.id(), clock + 5,
                        new Envelope.Amend(target, Optional.of("not yours"))));
                assertEquals(Verdict.STORED, ben.messaging.inbox.accept(new Inbox.Direct(cai.id()), List.of(forged)).get(0));
            }
        }

        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(late, chat, ana.id(), clock, new Envelope.Text("Lunch at noon?", List.of())))));
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(forgedFor, chat, ana.id(), clock + 1, new Envelope.Text("Meet at 9", List.of())))));
        assertEquals("Lunch at one?", message(ben, late).body(), "the newest change kept, by the message's author, is made as it comes");
        assertEquals(Message.Revision.EDITED, message(ben, late).revision());
        assertEquals("Meet at 9", message(ben, forgedFor).body(), "a change by another than its author is not");
        assertEquals(Message.Revision.ORIGINAL, message(ben, forgedFor).revision());
        assertEquals(List.of(late), ben.messenger().search("one", 10).stream().map(Message::id).toList());

        String unsent = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(amend(unsent, clock + 7, Optional.empty())));
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(unsent, chat, ana.id(), clock + 6,
                new Envelope.Text("sent to the wrong chat", List.of())))));
        assertEquals(Message.Revision.DELETED, message(ben, unsent).revision());
        assertEquals("", message(ben, unsent).body());
        assertTrue(ben.added.stream().noneMatch(added -> added.id().equals(unsent)), "a message deleted before it came announces nothing");
        assertTrue(ben.added.stream().anyMatch(added -> added.id().equals(late)), "one edited before it came is announced, edited");
    }

    @Test
    void changesKeptForMessagesNotHereAreBoundedPerAuthor() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i <= Revisions.MAX_EARLY_PER_AUTHOR; i++) {
            ids.add(Envelopes.newId());
            assertEquals(Verdict.STORED, oneFromAna(amend(ids.get(i), clock + 1, Optional.of("changed " + i))));
        }
        for (String id : List.of(ids.get(0), ids.get(Revisions.MAX_EARLY_PER_AUTHOR))) {
            oneFromAna(ana.seal(new Envelope(id, chat, ana.id(), clock, new Envelope.Text("original", List.of()))));
        }
        assertEquals("changed 0", message(ben, ids.get(0)).body());
        assertEquals("original", message(ben, ids.get(Revisions.MAX_EARLY_PER_AUTHOR)).body(), "one over the bound was not kept");
    }

    @Test
    void aGroupsCreatorPassesAChangeOnToMembersWhoDoNotKnowItsAuthor() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);
            Message bens = ben.messenger().send(team.id(), "I bring the salad");
            Await.until(() -> cai.messenger().latest(team.id(), 10).stream().anyMatch(message -> message.id().equals(bens.id())),
                    () -> "cai did not get ben's message");

            ben.messenger().edit(bens.id(), "I bring the soup");
            Await.until(() -> message(cai, bens.id()).body().equals("I bring the soup") && message(ana, bens.id()).body().equals("I bring the soup"),
                    () -> "the edit did not reach every member");
            ben.messenger().delete(bens.id());
            Await.until(() -> message(cai, bens.id()).revision() == Message.Revision.DELETED, () -> "the deletion did not reach cai");
        }
    }

    @Test
    void changesTravelInEnvelopesOfTheirOwnAndMalformedOnesAreRefused() throws Exception {
        String id = Envelopes.newId();
        for (Optional<String> body : List.of(Optional.of("new text"), Optional.<String>empty())) {
            Envelope.Amend amend = new Envelope.Amend(id, body);
            assertEquals(amend, Envelopes.open(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 5, amend))).payload());
        }
        byte[] deletion = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 5, new Envelope.Amend(id, Optional.empty())));
        int flagAt = indexOf(deletion, java.util.HexFormat.of().parseHex(id)) + Envelopes.ID_BYTES;
        deletion[flagAt] = 2;
        InvalidInputException neither = assertThrows(InvalidInputException.class, () -> Envelopes.open(deletion));
        assertTrue(neither.getMessage().contains("neither an edit nor a deletion"), neither.getMessage());
        byte[] over = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 5,
                new Envelope.Amend(id, Optional.of("x".repeat(MessageService.MAX_BODY_BYTES + 1)))));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class, () -> Envelopes.open(over));
        assertTrue(tooLong.getMessage().contains("the new body is"), tooLong.getMessage());
    }

    private byte[] amend(String messageId, long clock, Optional<String> body) throws Exception {
        return ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock, new Envelope.Amend(messageId, body)));
    }
}
