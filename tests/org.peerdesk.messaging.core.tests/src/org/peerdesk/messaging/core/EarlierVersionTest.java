package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/** A node of an earlier version, which refuses the kinds of envelope added since, still reads what this node's user says. */
class EarlierVersionTest extends TwoPeers {

    private static final int TYPED = 8;
    private static final int AMEND = 9;
    private static final int REPLY = 10;
    private static final int REACT = 11;
    private static final int MENTIONS = 12;
    private static final int PIN = 15;
    private static final int DISAPPEAR = 16;

    @Test
    void eachNewerKindReachesANodeThatKnowsOnlyTextsAsAText() throws Exception {
        ben.unknownKinds.addAll(List.of(TYPED, AMEND, REPLY, REACT, MENTIONS, PIN, DISAPPEAR));
        ana.messaging.contents.add(new MessageContent() {
            @Override
            public String type() {
                return "org.example.polls/poll";
            }

            @Override
            public void check(String data) {
                // any data is a poll
            }
        });
        network.connect(ana, ben);
        Message question = ana.messenger().send(chat, "Lunch at noon?\nOr later?");
        arrivedAtBen(question.id());
        Message yes = ben.messenger().send(chat, "Yes");
        Await.until(() -> texts(ben).size() == 2 && texts(ana).size() == 2, () -> "the plain texts did not cross: " + texts(ben));

        Message answer = ana.messenger().reply(yes.id(), "@ben great, see you", List.of());
        assertEquals(List.of(ben.id()), answer.mentions());
        Message atBen = arrivedAtBen(answer.id());
        assertEquals(List.of("> Yes\n@ben great, see you", Optional.empty(), List.of()), List.of(atBen.body(), atBen.replyTo(),
                atBen.mentions()), "refused as a mention, then as a reply, it comes as a text quoting what it answers");
        Await.until(() -> delivered(message(ana, answer.id())), () -> "ana's node does not count the answer delivered");
        assertTrue(message(ana, answer.id()).replyTo().isPresent(), "ana's own copy is still a reply");

        Message poll = ana.messenger().send(chat, "Poll: pizza or sushi?", new MessageContent.Typed("org.example.polls/poll", "{}"));
        assertEquals(List.of("Poll: pizza or sushi?", Optional.empty()), List.of(arrivedAtBen(poll.id()).body(),
                arrivedAtBen(poll.id()).content()), "a plugin's text, without its data");

        assertEquals("Reacted 👍 to “Yes”", reachingBen(() -> ana.messenger().react(yes.id(), "👍")).body());
        assertEquals(List.of(), message(ben, yes.id()).reactions());
        assertEquals("Pinned “Yes”", reachingBen(() -> ana.messenger().pin(yes.id(), true)).body());
        assertEquals(Optional.empty(), message(ben, yes.id()).pinned());
        assertEquals("Edited a message to: Lunch at one?", reachingBen(() -> {
            ana.messenger().react(yes.id(), "");
            ana.messenger().edit(question.id(), "Lunch at one?");
        }).body(), "taking a reaction back sends nothing before it");
        assertEquals("Lunch at noon?\nOr later?", message(ben, question.id()).body(), "the text ben's node has stays");
        assertEquals("Deleted a message for everyone (a newer version of Peerdesk would take it away here).",
                reachingBen(() -> ana.messenger().delete(question.id())).body());
        assertEquals("Set messages to disappear 1 hour after they are written (a newer version of Peerdesk would take them away here then).",
                reachingBen(() -> ana.messenger().setDisappearing(chat, Duration.ofHours(1))).body());
        assertEquals(9, texts(ben).size(), "each once: " + texts(ben));
    }

    @Test
    void aRefusalForAnotherReasonOrOfAnotherAuthorsEnvelopeHasNoPlainerForm() throws Exception {
        byte[] mine = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 1,
                new Envelope.Text("@ben", List.of(), Optional.empty(), Optional.empty(), List.of(ben.id()))));
        String unknown = "dropped a malformed or forged envelope: the envelope has an unknown kind ";
        assertTrue(EarlierVersions.insteadOf(mine, ana.author.publicKey(), unknown + MENTIONS, id -> Optional.empty()).isPresent());
        assertEquals(Optional.empty(), EarlierVersions.insteadOf(mine, ana.author.publicKey(), unknown + REPLY, id -> Optional.empty()),
                "not the kind it refused");
        assertEquals(Optional.empty(), EarlierVersions.insteadOf(mine, ana.author.publicKey(), "no grant to message", id -> Optional.empty()));
        byte[] bens = ben.seal(new Envelope(Envelopes.newId(), chat, ben.id(), 1,
                new Envelope.Text("@ana", List.of(), Optional.empty(), Optional.empty(), List.of(ana.id()))));
        assertEquals(Optional.empty(), EarlierVersions.insteadOf(bens, ana.author.publicKey(), unknown + MENTIONS, id -> Optional.empty()),
                "another author's envelope, passed on, is not this node's to change");
    }

    @Test
    void aPlainerTextStaysWithinAMessagesSize() {
        assertEquals("> Yes\nfine", EarlierVersions.fitted("> Yes\n", "fine"));
        String longest = "é".repeat(MessageService.MAX_BODY_BYTES / 2);
        String fitted = EarlierVersions.fitted("Edited a message to: ", longest);
        assertTrue(fitted.getBytes(StandardCharsets.UTF_8).length <= MessageService.MAX_BODY_BYTES, "fits");
        assertTrue(fitted.startsWith("Edited a message to: éé") && fitted.endsWith("é..."), "cut at its end, between characters");
        assertTrue(fitted.getBytes(StandardCharsets.UTF_8).length > MessageService.MAX_BODY_BYTES - 5, "no more than needed");
    }

    private static boolean delivered(Message message) {
        return message.delivery() == Message.Delivery.DELIVERED || message.delivery() == Message.Delivery.READ;
    }

    private List<String> texts(TestPeer peer) {
        try {
            return peer.messenger().latest(chat, 100).stream().map(Message::body).toList();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private Message arrivedAtBen(String id) throws Exception {
        Await.until(() -> ben.messenger().latest(chat, 100).stream().anyMatch(message -> message.id().equals(id)),
                () -> "ben's node did not get " + id + ": " + texts(ben));
        return message(ben, id);
    }

    /** What ana's user does. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** The message that reaches ben after {@code step}, waiting for it. */
    private Message reachingBen(Step step) throws Exception {
        int before = texts(ben).size();
        step.run();
        Await.until(() -> texts(ben).size() > before, () -> "nothing more reached ben: " + texts(ben));
        List<Message> latest = ben.messenger().latest(chat, 100);
        return latest.get(latest.size() - 1);
    }
}
