package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/** A plugin's data beside a message's text: sent, checked, delivered and stored as the text is. */
class ContentTest extends TwoPeers {

    private static final String POLL = "org.example.polls/poll";

    /** A plugin's check of its data. */
    @FunctionalInterface
    private interface Check {
        void check(String data) throws MessagingException;
    }

    /** A polls plugin that checks its data with {@code check}, and says nothing of it. */
    private static MessageContent polls(Check check) {
        return polls(check, message -> Optional.empty());
    }

    /** A polls plugin that checks its data with {@code check}, and says of each poll what {@code describe} makes of it. */
    private static MessageContent polls(Check check, java.util.function.Function<Message, Optional<String>> describe) {
        return new MessageContent() {
            @Override
            public String type() {
                return POLL;
            }

            @Override
            public void check(String data) throws MessagingException {
                check.check(data);
            }

            @Override
            public Optional<String> describe(Message message) {
                return describe.apply(message);
            }
        };
    }

    /** The polls plugin's check: it takes data that reads as a question and its choices, "question?|choice|choice...". */
    private static final Check QUESTION_AND_CHOICES = data -> {
        if (!data.contains("?|")) {
            throw new MessagingException("a poll is a question and its choices");
        }
    };

    /** The polls plugin. */
    private static MessageContent polls() {
        return polls(QUESTION_AND_CHOICES);
    }

    @Test
    void dataOfAKnownTypeArrivesWithItsTextAndIsKeptOnBothSides() throws Exception {
        ana.messaging.contents.add(polls());
        ben.messaging.contents.add(polls());
        MessageContent.Typed poll = new MessageContent.Typed(POLL, "Lunch?|pizza|sushi");
        Message sent = ana.messenger().send(chat, "Poll: Lunch? (pizza, sushi)", poll);
        assertEquals(Optional.of(poll), sent.content());

        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the poll");
        Message got = ben.messenger().latest(chat, 10).get(0);
        assertEquals("Poll: Lunch? (pizza, sushi)", got.body());
        assertEquals(Optional.of(poll), got.content());
        // what is stored is told once its transaction committed, a moment after it can be read
        Await.until(() -> ben.added.stream().anyMatch(added -> added.id().equals(sent.id())), () -> "ben's plugins did not hear of it");
        assertEquals(Optional.of(poll), ben.added.stream().filter(added -> added.id().equals(sent.id())).findFirst().orElseThrow().content(),
                "what a plugin hears of arriving messages holds the data");
        assertEquals(Optional.of(poll), ana.messenger().latest(chat, 10).get(0).content(), "read back from the sender's database");
        Await.until(() -> ana.messenger().latest(chat, 1).get(0).delivery() == Message.Delivery.DELIVERED, () -> "no delivery");
        assertEquals(List.of(sent.id()), ben.messenger().search("sushi", 10).stream().map(Message::id).toList(),
                "search finds the text");
        assertEquals(Set.of(POLL), ana.messenger().contentTypes());
    }

    /** The polls plugin, saying of each poll what {@code describe} makes of it. */
    private static MessageContent describing(java.util.function.Function<Message, Optional<String>> describe) {
        return polls(QUESTION_AND_CHOICES, describe);
    }

    @Test
    void thePluginThatKnowsTheDataSaysWhatItIsAndOneThatFailsIsNamed() throws Exception {
        ana.messaging.contents.add(describing(message -> Optional.of("Lunch? " + message.content().orElseThrow().data()
                .replace("Lunch?|", "").replace("|", " or "))));
        Message poll = ana.messenger().send(chat, "Poll: Lunch?", new MessageContent.Typed(POLL, "Lunch?|pizza|sushi"));
        Message plain = ana.messenger().send(chat, "no poll");

        assertEquals(Optional.of("Lunch? pizza or sushi"), ana.messenger().describe(poll));
        assertEquals(Optional.empty(), ana.messenger().describe(plain), "a message without data has nothing to describe");
        assertEquals(Optional.empty(), ben.messenger().describe(poll), "nor has a node without the plugin");

        assertEquals(MessageService.MAX_DESCRIPTION_CHARS, describedAtBenBy(describing(message -> Optional.of("x".repeat(5000))), poll)
                .orElseThrow().length(), "a long one is cut");
        assertEquals(Optional.of("The plugin that knows " + POLL + " could not show it: java.lang.IllegalStateException: the votes table is"
                + " gone"), describedAtBenBy(describing(message -> {
                    throw new IllegalStateException("the votes table is gone");
                }), poll));
        assertEquals(Optional.empty(), describedAtBenBy(describing(message -> Optional.of("  ")), poll), "nothing to say shows the text alone");
        assertEquals(Optional.empty(), describedAtBenBy(polls(), poll), "a plugin that does not describe shows the text alone");
    }

    /** What Ben's node says of {@code message} with {@code plugin} its only one. */
    private Optional<String> describedAtBenBy(MessageContent plugin, Message message) {
        ben.messaging.contents.add(plugin);
        try {
            return ben.messenger().describe(message);
        } finally {
            ben.messaging.contents.remove(plugin);
        }
    }

    @Test
    void aNodeWithoutThePluginKeepsTheDataAndShowsTheText() throws Exception {
        ana.messaging.contents.add(polls());
        ana.messenger().send(chat, "Poll: Lunch?", new MessageContent.Typed(POLL, "Lunch?|pizza"));

        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben, without the plugin, did not take the poll");
        Message got = ben.messenger().latest(chat, 10).get(0);
        assertEquals("Poll: Lunch?", got.body());
        assertEquals(Optional.of(new MessageContent.Typed(POLL, "Lunch?|pizza")), got.content());
        assertEquals(List.of(), ben.dropped);
    }

    @Test
    void dataThePluginOfTheReceiverRefusesIsDroppedThereAndTheSenderSeesWhy() throws Exception {
        ana.messaging.contents.add(polls());
        ben.messaging.contents.add(polls(data -> {
            throw new MessagingException("polls of more than one choice only");
        }));
        Message sent = ana.messenger().send(chat, "Poll: Lunch?", new MessageContent.Typed(POLL, "Lunch?|pizza"));

        network.connect(ana, ben);
        Await.until(() -> ana.messenger().latest(chat, 1).get(0).delivery() == Message.Delivery.FAILED, () -> "the refusal did not come back");
        String problem = ana.messenger().latest(chat, 1).get(0).problem().orElseThrow();
        assertTrue(problem.contains("The " + POLL + " content is refused: polls of more than one choice only"), problem);
        assertEquals(List.of(), ben.messenger().latest(chat, 10));
        assertTrue(ben.dropped.stream().anyMatch(reason -> reason.contains("polls of more than one choice only")), ben.dropped.toString());
        assertEquals(sent.id(), ana.messenger().latest(chat, 1).get(0).id());
    }

    @Test
    void aPluginWhoseCheckFailsHasTheDataRefusedAndNamesItself() throws Exception {
        ana.messaging.contents.add(polls());
        ben.messaging.contents.add(polls(data -> {
            throw new IllegalStateException("the polls table is gone");
        }));
        ana.messenger().send(chat, "Poll: Lunch?", new MessageContent.Typed(POLL, "Lunch?|pizza"));

        network.connect(ana, ben);
        Await.until(() -> ana.messenger().latest(chat, 1).get(0).delivery() == Message.Delivery.FAILED, () -> "the refusal did not come back");
        assertTrue(ana.messenger().latest(chat, 1).get(0).problem().orElseThrow().contains("The plugin that knows " + POLL + " failed to check it"));
    }

    @Test
    void nothingIsSentThatNoPluginHereKnowsOrThatItsPluginRefuses() throws Exception {
        MessagingException unknown = assertThrows(MessagingException.class,
                () -> ana.messenger().send(chat, "Poll: Lunch?", new MessageContent.Typed(POLL, "Lunch?|pizza")));
        assertEquals("No plugin on this node sends messages of the type " + POLL + ".", unknown.getMessage());

        ana.messaging.contents.add(polls());
        MessagingException refused = assertThrows(MessagingException.class,
                () -> ana.messenger().send(chat, "Lunch", new MessageContent.Typed(POLL, "Lunch")));
        assertEquals("The " + POLL + " content is refused: a poll is a question and its choices", refused.getMessage());
        MessagingException textless = assertThrows(MessagingException.class,
                () -> ana.messenger().send(chat, " ", new MessageContent.Typed(POLL, "Lunch?|pizza")));
        assertTrue(textless.getMessage().startsWith("A message with " + POLL + " content needs a text too"), textless.getMessage());
        String half = "x".repeat(MessageService.MAX_BODY_BYTES / 2);
        MessagingException tooLong = assertThrows(MessagingException.class,
                () -> ana.messenger().send(chat, half, new MessageContent.Typed(POLL, half + "?|a")));
        assertTrue(tooLong.getMessage().contains("at most " + MessageService.MAX_BODY_BYTES + " fit"), tooLong.getMessage());
        assertEquals(List.of(), ana.messenger().latest(chat, 10), "nothing refused was stored");
    }

    @Test
    void aPluginThatCannotSayItsTypeCostsOnlyItsOwn() throws Exception {
        ana.messaging.contents.add(new MessageContent() {
            @Override
            public String type() {
                throw new IllegalStateException("not configured");
            }

            @Override
            public void check(String data) {
                // takes anything
            }
        });
        ana.messaging.contents.add(polls());
        assertEquals(Set.of(POLL), ana.messenger().contentTypes());
        assertEquals(POLL, ana.messenger().send(chat, "Poll: lunch?", new MessageContent.Typed(POLL, "lunch?|pizza")).content()
                .orElseThrow().type());
    }

    @Test
    void typesAreAPluginsNameASlashAndAWord() {
        assertTrue(MessageContent.Typed.validType("org.example.polls/poll"));
        assertTrue(MessageContent.Typed.validType("com.example-co.notes/note-2"));
        for (String bad : new String[] {"poll", "polls/poll", "org.example.polls", "Org.example/poll", "org..example/poll",
                "org.example/poll/1", "org.example/", "org.example/poll ", "x.y/" + "z".repeat(MessageContent.MAX_TYPE_CHARS)}) {
            assertFalse(MessageContent.Typed.validType(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> new MessageContent.Typed(bad, "data"), bad);
        }
    }

    @Test
    void anEnvelopeWithAForgedTypeOrDataOverTheLimitIsRefusedAsMalformed() throws Exception {
        Envelope typed = new Envelope(Envelopes.newId(), chat, ana.id(), 1,
                new Envelope.Text("Poll", List.of(), Optional.of(new MessageContent.Typed(POLL, "Lunch?|pizza"))));
        byte[] sealed = ana.seal(typed);
        assertEquals(typed.payload(), Envelopes.open(sealed).payload());

        byte[] badType = sealed.clone();
        int typeAt = indexOf(badType, POLL.getBytes(StandardCharsets.US_ASCII));
        badType[typeAt] = 'O'; // "Org.example...": not a type; the signature would not verify either, but the type is read first
        InvalidInputException forged = assertThrows(InvalidInputException.class, () -> Envelopes.open(badType));
        assertEquals("the message's content type is not a type's name", forged.getMessage());

        String half = "x".repeat(MessageService.MAX_BODY_BYTES / 2 + 1);
        byte[] over = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 2,
                new Envelope.Text(half, List.of(), Optional.of(new MessageContent.Typed(POLL, half)))));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class, () -> Envelopes.open(over));
        assertTrue(tooLong.getMessage().contains("the body with its content data is " + half.length() + " long"), tooLong.getMessage());
    }
}
