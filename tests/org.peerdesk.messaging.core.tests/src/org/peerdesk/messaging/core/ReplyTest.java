package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.Quote;

/** A reply names the message it answers; each node quotes that message as it has it now. */
class ReplyTest extends TwoPeers {

    @Test
    void aReplyQuotesWhatItAnswersOnBothNodesAndFollowsItsEditAndDeletion() throws Exception {
        Message question = ana.messenger().send(chat, "Lunch at noon?\nOr later?");
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the question");

        Message answer = ben.messenger().reply(question.id(), "Noon is fine", List.of());
        assertEquals(chat, answer.conversation());
        Quote expected = new Quote(question.id(), Optional.of(ana.id()), "Lunch at noon? Or later?", false);
        assertEquals(Optional.of(expected), answer.replyTo(), "the sender's own copy quotes it at once");
        Await.until(() -> ana.messenger().latest(chat, 10).size() == 2, () -> "ana did not get the answer");
        assertEquals(Optional.of(expected), message(ana, answer.id()).replyTo());
        Await.until(() -> ana.added.stream().anyMatch(added -> added.id().equals(answer.id()) && added.replyTo().equals(Optional.of(expected))),
                () -> "the reply is not announced with its quote"); // announced just after it is stored
        assertEquals(Optional.empty(), message(ana, question.id()).replyTo());

        ana.messenger().edit(question.id(), "Lunch at one?");
        Await.until(() -> message(ben, question.id()).revision() == Message.Revision.EDITED, () -> "the edit did not reach ben");
        for (TestPeer peer : List.of(ana, ben)) {
            assertEquals("Lunch at one?", message(peer, answer.id()).replyTo().orElseThrow().excerpt(), peer.name);
        }
        ana.messenger().delete(question.id());
        Await.until(() -> message(ben, question.id()).revision() == Message.Revision.DELETED, () -> "the deletion did not reach ben");
        for (TestPeer peer : List.of(ana, ben)) {
            assertEquals(new Quote(question.id(), Optional.of(ana.id()), "", true), message(peer, answer.id()).replyTo().orElseThrow(),
                    peer.name + " quotes nothing of a deleted message");
        }
        MessagingException refused = assertThrows(MessagingException.class, () -> ben.messenger().reply(question.id(), "and?", List.of()));
        assertTrue(refused.getMessage().endsWith(" deleted that message; there is nothing to reply to."), refused.getMessage());

        ben.messenger().edit(answer.id(), "Noon was fine");
        assertEquals(question.id(), message(ben, answer.id()).replyTo().orElseThrow().messageId(), "an edit keeps what a reply answers");
    }

    @Test
    void aMessageOfFilesAloneIsQuotedByTheirNames() throws Exception {
        Message files = ana.messenger().send(chat, "", List.of(Files.writeString(home.resolve("plan.pdf"), "plan"),
                Files.writeString(home.resolve("notes.txt"), "notes")));
        Message answer = ana.messenger().reply(files.id(), "the plan, and my notes", List.of());
        assertEquals("plan.pdf, notes.txt", answer.replyTo().orElseThrow().excerpt());
    }

    @Test
    void aQuoteTakesOnlyWhatThisNodeHasInTheSameConversation() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String notYetHere = Envelopes.newId();
        String reply = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(reply, chat, ana.id(), clock + 1,
                new Envelope.Text("as I said", List.of(), Optional.empty(), Optional.of(notYetHere))))));
        Quote missing = message(ben, reply).replyTo().orElseThrow();
        assertEquals(new Quote(notYetHere, Optional.empty(), "", false), missing);
        assertFalse(missing.found());

        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(notYetHere, chat, ana.id(), clock, new Envelope.Text("the plan", List.of())))));
        assertEquals("the plan", message(ben, reply).replyTo().orElseThrow().excerpt(), "quoted once the answered message is here");

        try (TestPeer cai = new TestPeer("cai", home, network)) {
            network.connect(ben, cai);
            Message secret = cai.messenger().send(cai.messenger().direct(ben.id()).id(), "only for ben: the door code is 4711");
            Await.until(() -> ben.messenger().latest(secret.conversation(), 10).size() == 1, () -> "ben did not get cai's message");
            String quoting = Envelopes.newId();
            assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(quoting, chat, ana.id(), clock + 2,
                    new Envelope.Text("what did cai say?", List.of(), Optional.empty(), Optional.of(secret.id()))))));
            assertFalse(message(ben, quoting).replyTo().orElseThrow().found(), "a message of another conversation is not quoted");
        }
    }

    @Test
    void aGroupsCreatorPassesAReplyOnToMembersWhoDoNotKnowItsAuthor() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);
            Message question = cai.messenger().send(team.id(), "Who brings the salad?");
            Await.until(() -> ben.messenger().latest(team.id(), 10).stream().anyMatch(message -> message.id().equals(question.id())),
                    () -> "ben did not get cai's question");
            Message answer = ben.messenger().reply(question.id(), "I do", List.of());
            Await.until(() -> cai.messenger().latest(team.id(), 10).stream().anyMatch(message -> message.id().equals(answer.id())),
                    () -> "cai did not get ben's answer");
            assertEquals(Optional.of(new Quote(question.id(), Optional.of(cai.id()), "Who brings the salad?", false)),
                    message(cai, answer.id()).replyTo());
        }
    }

    @Test
    void onlyATextOfThisNodesConversationsIsAnsweredAndTheAnswerIsCheckedAsAnyMessage() throws Exception {
        MessagingException unknown = assertThrows(MessagingException.class,
                () -> ana.messenger().reply(Envelopes.newId(), "hello?", List.of()));
        assertTrue(unknown.getMessage().startsWith("There is no message "), unknown.getMessage());

        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = ana.messenger().createGroup("Team", List.of(ben.id(), cai.id()));
            Message note = ana.messenger().latest(team.id(), 1).get(0);
            assertEquals(Message.Kind.MEMBERS, note.kind());
            MessagingException notText = assertThrows(MessagingException.class, () -> ana.messenger().reply(note.id(), "welcome", List.of()));
            assertEquals("That is a note about the conversation, not a message to reply to.", notText.getMessage());
        }
        Message question = ana.messenger().send(chat, "Lunch?");
        MessagingException empty = assertThrows(MessagingException.class, () -> ana.messenger().reply(question.id(), " ", List.of()));
        assertEquals("The message is empty.", empty.getMessage());
    }

    @Test
    void repliesTravelInEnvelopesOfTheirOwnKindAndMalformedOnesAreRefused() throws Exception {
        String answered = Envelopes.newId();
        for (Envelope.Text text : List.of(new Envelope.Text("yes", List.of(new Attachment(3, "attachments/x/a.txt")), Optional.empty(),
                Optional.of(answered)), new Envelope.Text("vote", List.of(), Optional.of(new MessageContent.Typed("org.example.polls/poll",
                        "yes|no")), Optional.of(answered)))) {
            assertEquals(text, Envelopes.open(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 5, text))).payload());
        }
        byte[] reply = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 5,
                new Envelope.Text("yes", List.of(), Optional.empty(), Optional.of(answered))));
        int kindAt = indexOf(reply, HexFormat.of().parseHex(answered)) + Envelopes.ID_BYTES;
        reply[kindAt] = 9;
        InvalidInputException notText = assertThrows(InvalidInputException.class, () -> Envelopes.open(reply));
        assertTrue(notText.getMessage().contains("holds a kind 9 that is not text"), notText.getMessage());
    }

    @Test
    void anExcerptIsOneLineOfAtMostItsLength() {
        assertEquals("first line second line", Quote.excerptOf("  first line\n\n second   line ", List.of()));
        String quoted = Quote.excerptOf("abcdefghij".repeat(30), List.of());
        assertEquals(Quote.EXCERPT_CHARS, quoted.length(), quoted);
        assertTrue(quoted.endsWith("abcdefg..."), quoted);
        assertEquals("x".repeat(Quote.EXCERPT_CHARS), Quote.excerptOf("x".repeat(Quote.EXCERPT_CHARS), List.of()), "one that fits stays whole");
        assertEquals("a.txt", Quote.excerptOf(" ", List.of(new Attachment(1, "attachments/x/a.txt"))));
    }
}
