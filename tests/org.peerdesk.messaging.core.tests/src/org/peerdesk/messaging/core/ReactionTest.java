package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.Reaction;

/** Members react to messages; every member's node keeps the newest reaction of each member. */
class ReactionTest extends TwoPeers {

    private static final String THUMBS_UP = "\uD83D\uDC4D";

    @Test
    void aReactionReachesTheOtherMemberAndEachMembersNewestCounts() throws Exception {
        Message question = ana.messenger().send(chat, "Lunch at noon?");
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the question");

        Message reacted = ben.messenger().react(question.id(), THUMBS_UP);
        assertEquals(List.of(new Reaction(THUMBS_UP, List.of(ben.id()))), reacted.reactions(), "the reactor's own copy at once");
        Await.until(() -> !message(ana, question.id()).reactions().isEmpty(), () -> "the reaction did not reach ana");
        Await.until(() -> ana.reactions.contains(ben.id().shortForm() + " " + THUMBS_UP + " " + question.id()),
                () -> "ana's node did not tell of ben's reaction: " + ana.reactions);
        assertEquals(List.of(new Reaction(THUMBS_UP, List.of(ben.id()))), message(ana, question.id()).reactions());

        ana.messenger().react(question.id(), THUMBS_UP);
        Await.until(() -> message(ben, question.id()).reactions().equals(List.of(new Reaction(THUMBS_UP, List.of(ben.id(), ana.id())))),
                () -> "ana's reaction did not join ben's: " + reactionsAtBen(question));
        ben.messenger().react(question.id(), "+1");
        Await.until(() -> message(ana, question.id()).reactions().equals(List.of(new Reaction(THUMBS_UP, List.of(ana.id())),
                new Reaction("+1", List.of(ben.id())))), () -> "ben's new reaction did not replace his first at ana's");
        ben.messenger().react(question.id(), "");
        Await.until(() -> message(ana, question.id()).reactions().equals(List.of(new Reaction(THUMBS_UP, List.of(ana.id())))),
                () -> "ben's reaction was not taken back at ana's");
        assertEquals(message(ana, question.id()).reactions(), message(ben, question.id()).reactions(), "both see the same");
    }

    @Test
    void aReactionBeforeItsMessageIsKeptForItAndAnOlderOneChangesNothing() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String message = Envelopes.newId();
        byte[] reaction = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + 2, new Envelope.React(message, THUMBS_UP)));
        assertEquals(Verdict.Kind.LATER, oneFromAna(reaction).kind(), "the conversation is not here yet either");
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock - 1,
                new Envelope.Text("hello", List.of())))));
        assertEquals(Verdict.STORED, oneFromAna(reaction), "its message took another way, and is not here yet: kept for it");

        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(message, chat, ana.id(), clock, new Envelope.Text("the plan", List.of())))));
        assertEquals(List.of(new Reaction(THUMBS_UP, List.of(ana.id()))), message(ben, message).reactions(), "shown once it came");
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + 1,
                new Envelope.React(message, "+1")))));
        assertEquals(List.of(new Reaction(THUMBS_UP, List.of(ana.id()))), message(ben, message).reactions(), "the older one came late");
    }

    @Test
    void aReactionShowsOnlyWhereItsMessageIsAndBadOnesAreRefused() throws Exception {
        network.connect(ana, ben);
        ConversationId group = ana.messenger().createGroup("team", List.of(ben.id())).id();
        Await.until(() -> ben.messenger().conversation(group).isPresent(), () -> "ben did not learn of the group");
        network.disconnect(ana, ben);
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String message = Envelopes.newId();
        String notYetHere = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(message, chat, ana.id(), clock, new Envelope.Text("the plan", List.of())))));
        assertEquals(Verdict.Kind.REFUSED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), group, ana.id(), clock + 1,
                new Envelope.React(message, THUMBS_UP)))).kind(), "a reaction names its message's conversation");
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), group, ana.id(), clock + 1,
                new Envelope.React(notYetHere, THUMBS_UP)))));
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(notYetHere, chat, ana.id(), clock, new Envelope.Text("more", List.of())))));
        assertEquals(List.of(), message(ben, message).reactions());
        assertEquals(List.of(), message(ben, notYetHere).reactions(), "kept under another conversation, it does not show here");
        assertEquals(Verdict.Kind.LATER, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), ConversationId.random(), ana.id(), clock + 1,
                new Envelope.React(message, THUMBS_UP)))).kind(), "a conversation not known yet is asked for again");

        assertTrue(assertThrows(MessagingException.class, () -> ben.messenger().react(Envelopes.newId(), THUMBS_UP)).getMessage()
                .startsWith("There is no message "));
        assertTrue(assertThrows(MessagingException.class, () -> ben.messenger().react(message, "x".repeat(Reaction.MAX_BYTES + 1)))
                .getMessage().contains("at most " + Reaction.MAX_BYTES + " bytes"));
        assertTrue(assertThrows(MessagingException.class, () -> ben.messenger().react(message, "a\nb")).getMessage()
                .contains("no line breaks"));
        assertThrows(InvalidInputException.class, () -> Envelopes.open(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock,
                new Envelope.React(message, "a\tb")))), "a node opening one checks it too");

        Message mine = ben.messenger().send(chat, "oops");
        ben.messenger().delete(mine.id());
        assertTrue(assertThrows(MessagingException.class, () -> ben.messenger().react(mine.id(), THUMBS_UP)).getMessage()
                .contains("deleted"));
    }

    @Test
    void reactionsToMessagesThatNeverComeAreKeptBoundedAndAClearedHistoryTakesItsReactions() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String hi = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(hi, chat, ana.id(), clock, new Envelope.Text("hi", List.of())))));
        long monthAgo = clock - (Revisions.EARLY_KEPT_MILLIS << HybridClock.COUNTER_BITS) - 1;
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), monthAgo,
                new Envelope.React(Envelopes.newId(), THUMBS_UP)))));
        for (int i = 0; i < Revisions.MAX_EARLY_PER_AUTHOR + 5; i++) {
            assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + i,
                    new Envelope.React(Envelopes.newId(), THUMBS_UP)))), "taken, whether kept or not: the sender has nothing to resend");
        }
        assertEquals(Revisions.MAX_EARLY_PER_AUTHOR, reactionRows(ben), "the month-old one went, and no more than the most were kept");

        ben.messenger().react(hi, THUMBS_UP);
        assertEquals(Revisions.MAX_EARLY_PER_AUTHOR + 1, reactionRows(ben), "a reaction to a message that is here is always kept");
        ben.messenger().clearHistory(chat);
        assertEquals(Revisions.MAX_EARLY_PER_AUTHOR, reactionRows(ben), "the cleared message's reaction went with it");
    }

    private static int reactionRows(TestPeer peer) throws Exception {
        return peer.storage.transact(connection -> {
            try (var count = connection.prepareStatement("SELECT COUNT(*) FROM message_reactions"); var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private String reactionsAtBen(Message message) {
        try {
            return message(ben, message.id()).reactions().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
