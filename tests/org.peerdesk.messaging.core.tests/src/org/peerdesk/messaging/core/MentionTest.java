package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Mention;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;

/** Members named with "@" in a message's text: found by their names, carried signed, and counted where they are named. */
class MentionTest extends TwoPeers {

    private static final PeerId BEN = peer(1);
    private static final PeerId BEA = peer(2);
    private static final PeerId ANA_LAPTOP = peer(3);
    private static final PeerId ANA_DESKTOP = peer(4);
    private static final Map<PeerId, String> NAMES = Map.of(BEN, "Ben's desktop", BEA, "Bea", ANA_LAPTOP, "ana on laptop",
            ANA_DESKTOP, "ana on desktop (office)");

    @Test
    void aMentionIsAWholeNameOrAWordOfOneWhereAWordBegins() {
        assertEquals(List.of(new Mention(BEN, 4, 18)), Mention.in("Hi, @ben's DESKTOP: lunch?", NAMES), "the whole name, any case");
        assertEquals(List.of(new Mention(BEN, 0, 4)), Mention.in("@Ben, look", NAMES), "a word of the name");
        assertEquals(List.of(new Mention(ANA_LAPTOP, 0, 14)), Mention.in("@ana on laptop please", NAMES), "the longest name wins");
        assertEquals(List.of(ANA_LAPTOP, ANA_DESKTOP).stream().sorted().toList(),
                Mention.in("@ana?", NAMES).stream().map(Mention::peer).toList(), "a word two names share mentions both");
        assertEquals(List.of(new Mention(ANA_DESKTOP, 4, 11)), Mention.in("ask @office", NAMES), "a word inside a name");
        assertEquals(List.of(), Mention.in("write to ben@example.org or @be or @ or @@ or @ ben", NAMES),
                "an address, the start of a word, and an @ alone mention no one");
        assertEquals(List.of(BEA, BEN), Mention.peersIn("@bea and @ben, and @Bea again", NAMES), "each once, in the order first mentioned");
        assertEquals(NAMES.keySet().stream().sorted().toList(), Mention.peersIn("@everyone: the release", NAMES));
        assertEquals(NAMES.keySet().stream().sorted().toList(), Mention.peersIn("(@All)", NAMES));
        assertEquals(List.of(), Mention.peersIn("no one here", NAMES));
    }

    @Test
    void aMentionBeingTypedIsCompletedFromTheMembersNames() {
        assertEquals(OptionalInt.of(3), Mention.typing("Hi @an", 6));
        assertEquals(OptionalInt.of(0), Mention.typing("@ana on l", 9), "a name's spaces are part of it");
        assertEquals(OptionalInt.empty(), Mention.typing("mail ana@ex", 11), "not where a word cannot begin");
        assertEquals(OptionalInt.empty(), Mention.typing("@ana\nand more", 13), "nor over a line break");
        assertEquals(OptionalInt.empty(), Mention.typing("@" + "x".repeat(Mention.LONGEST_TYPED + 1), Mention.LONGEST_TYPED + 2));
        assertEquals(List.of("ana on desktop (office)", "ana on laptop"), Mention.completing("AN", NAMES));
        assertEquals(List.of("ana on desktop (office)"), Mention.completing("off", NAMES), "a word inside a name");
        assertEquals(List.of("ana on laptop"), Mention.completing("ana on l", NAMES));
        assertEquals(List.of("ana on desktop (office)", "ana on laptop", "Bea", "Ben's desktop"), Mention.completing("", NAMES));
        assertEquals(List.of(), Mention.completing("nobody", NAMES));
    }

    @Test
    void aMentionGoesSignedAndTheMentionedMembersNodeCountsItUntilRead() throws Exception {
        network.connect(ana, ben);
        Message sent = ana.messenger().send(chat, "@ben, the plan is ready; @ana knows");
        assertEquals(List.of(ben.id()), sent.mentions(), "by the name ana's node knows ben by; never the sender herself");
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get it");
        assertEquals(List.of(ben.id()), ben.messenger().latest(chat, 10).get(0).mentions());
        Conversation atBen = ben.messenger().conversation(chat).orElseThrow();
        assertEquals(1, atBen.unread());
        assertEquals(1, atBen.unreadMentions());

        ben.messenger().mute(chat, true);
        ana.messenger().send(chat, "no one named here");
        ana.messenger().reply(sent.id(), "@BEN again, in reply", List.of());
        Await.until(() -> ben.messenger().conversation(chat).orElseThrow().unread() == 3, () -> "ben did not get the other two");
        assertEquals(2, ben.messenger().conversation(chat).orElseThrow().unreadMentions(), "a reply mentions too; muting hides none");
        assertEquals(List.of(List.of(ben.id()), List.of(), List.of(ben.id())),
                ben.messenger().latest(chat, 10).stream().map(Message::mentions).toList());

        ben.messenger().markRead(chat);
        assertEquals(0, ben.messenger().conversation(chat).orElseThrow().unreadMentions(), "read, they need ben no more");
        Message again = ana.messenger().send(chat, "@ben one more thing");
        Await.until(() -> ben.messenger().conversation(chat).orElseThrow().unreadMentions() == 1, () -> "ben did not get the next");
        ana.messenger().delete(again.id());
        Await.until(() -> ben.messenger().conversation(chat).orElseThrow().unreadMentions() == 0,
                () -> "a mention its author deleted still counts");
        ana.messenger().send(chat, "@ben and the last");
        Await.until(() -> ben.messenger().conversation(chat).orElseThrow().unreadMentions() == 1, () -> "ben did not get the last");
        ben.messenger().clearHistory(chat);
        assertEquals(0, ben.messenger().conversation(chat).orElseThrow().unreadMentions(), "cleared, it is gone");
        assertEquals(List.of(), ben.messenger().send(chat, "@ben is me").mentions(), "a node does not mention its own user");
    }

    @Test
    void aNodeOfAnEarlierVersionGetsTheTextWithoutItsMentions() throws Exception {
        ben.unknownKinds.add(12); // MENTIONS
        network.connect(ana, ben);
        Message sent = ana.messenger().send(chat, "@ben, the plan is ready");
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben's node did not get the message without its mention");
        Message atBen = ben.messenger().latest(chat, 10).get(0);
        assertEquals(List.of(sent.id(), "@ben, the plan is ready", List.of()), List.of(atBen.id(), atBen.body(), atBen.mentions()),
                "the same message, mentioning no one");
        Await.until(() -> message(ana, sent.id()).delivery() == Message.Delivery.DELIVERED
                || message(ana, sent.id()).delivery() == Message.Delivery.READ, () -> "ana's node does not count it delivered");
        assertEquals(List.of(ben.id()), message(ana, sent.id()).mentions(), "ana's own copy still says whom it mentions");
    }

    @Test
    void textsWithoutMentionsKeepTheirKindAndEveryMentioningKindRoundTrips() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        byte[] plain = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock, new Envelope.Text("hello", List.of())));
        assertEquals(1, plain[1], "a text that mentions no one is a TEXT, which nodes of earlier versions read");
        MessageContent.Typed poll = new MessageContent.Typed("org.example.poll/1", "{}");
        for (Envelope.Text text : List.of(new Envelope.Text("@ben", List.of(), Optional.empty(), Optional.empty(), List.of(ben.id())),
                new Envelope.Text("@ben vote", List.of(), Optional.of(poll), Optional.empty(), List.of(ben.id(), ana.id())),
                new Envelope.Text("@ben yes", List.of(), Optional.empty(), Optional.of(Envelopes.newId()), List.of(ben.id())))) {
            Envelope envelope = new Envelope(Envelopes.newId(), chat, ana.id(), clock, text);
            assertEquals(envelope.payload(), Envelopes.open(ana.seal(envelope)).payload());
        }
    }

    @Test
    void anEditThatNamesAMemberMentionsThemAndOneThatNoLongerDoesStopsCounting() throws Exception {
        network.connect(ana, ben);
        Message sent = ana.messenger().send(chat, "lunch?");
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get the message");

        assertEquals(List.of(ben.id()), ana.messenger().edit(sent.id(), "@ben lunch?").mentions(), "the author's copy at once");
        Await.until(() -> message(ben, sent.id()).mentions().equals(List.of(ben.id())), () -> "the edit's mention did not reach ben");
        assertEquals(1, ben.messenger().conversation(chat).orElseThrow().unreadMentions(), "unread, it counts as a mention");
        ana.messenger().edit(sent.id(), "lunch at one?");
        Await.until(() -> message(ben, sent.id()).body().equals("lunch at one?"), () -> "the second edit did not reach ben");
        assertEquals(List.of(), message(ben, sent.id()).mentions(), "edited out, the mention goes");
        assertEquals(0, ben.messenger().conversation(chat).orElseThrow().unreadMentions());

        ben.messenger().markRead(chat);
        ana.messenger().edit(sent.id(), "@ben lunch at one.");
        Await.until(() -> !message(ben, sent.id()).mentions().isEmpty(), () -> "the third edit did not reach ben");
        assertEquals(0, ben.messenger().conversation(chat).orElseThrow().unreadMentions(), "a message read does not count again");
    }

    @Test
    void anEditsMentionsWaitWithItForItsMessageAndANodeOfAnEarlierVersionGetsTheEditAlone() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String id = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + 1,
                new Envelope.Amend(id, Optional.of("@ben see this"), Optional.of(List.of(ben.id())))))));
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(id, chat, ana.id(), clock, new Envelope.Text("see this", List.of())))));
        assertEquals(List.of("@ben see this", List.of(ben.id())), List.of(message(ben, id).body(), message(ben, id).mentions()));
        assertEquals(1, ben.messenger().conversation(chat).orElseThrow().unreadMentions());

        Envelope.Amend none = new Envelope.Amend(id, Optional.of("see this"), Optional.of(List.of()));
        assertEquals(none, Envelopes.open(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + 2, none))).payload(),
                "an edit that mentions no one any longer says so");
        assertThrows(IllegalArgumentException.class, () -> new Envelope.Amend(id, Optional.empty(), Optional.of(List.of(ben.id()))));

        ben.unknownKinds.add(14); // EDIT_MENTIONS
        network.connect(ana, ben);
        Message sent = ana.messenger().send(chat, "the plan");
        Await.until(() -> ben.messenger().latest(chat, 10).stream().anyMatch(message -> message.id().equals(sent.id())),
                () -> "ben did not get the plan");
        ana.messenger().edit(sent.id(), "@ben the plan");
        Await.until(() -> message(ben, sent.id()).body().equals("@ben the plan"), () -> "the edit did not reach ben's earlier version");
        assertEquals(List.of(), message(ben, sent.id()).mentions(), "a node of an earlier version gets the text, as before");
    }

    @Test
    void aMalformedListOfMentionsIsRefused() throws Exception {
        assertRefused(List.of(), "names none");
        assertRefused(List.of(ben.id(), ben.id()), "mentions a member twice");
        assertRefused(Collections.nCopies(MessageService.MAX_MENTIONS + 1, ben.id()), "over the limit of " + MessageService.MAX_MENTIONS);
        byte[] sealed = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 1,
                new Envelope.Text("@ben", List.of(), Optional.empty(), Optional.empty(), List.of(ben.id()))));
        int kind = 2 + Envelopes.ID_BYTES + ConversationId.BYTES + 2 + ana.author.publicKey().length + Long.BYTES + Short.BYTES + PeerId.LENGTH;
        sealed[kind] = 2; // MEMBERS inside: not a text
        assertTrue(assertThrows(InvalidInputException.class, () -> Envelopes.open(sealed)).getMessage().contains("that is not text"));
    }

    /** A MENTIONS envelope whose list is {@code mentions}, written as a node might send it, is refused for {@code why}. */
    private void assertRefused(List<PeerId> mentions, String why) throws Exception {
        Envelope text = new Envelope(Envelopes.newId(), chat, ana.id(), 1, new Envelope.Text("@ben", List.of()));
        byte[] plain = Envelopes.content(text, ana.author.publicKey());
        int payload = 2 + Envelopes.ID_BYTES + ConversationId.BYTES + 2 + ana.author.publicKey().length + Long.BYTES;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(plain, 0, payload);
        bytes.write(ByteBuffer.allocate(2).putShort((short) mentions.size()).array());
        mentions.forEach(peer -> bytes.writeBytes(peer.bytes()));
        bytes.write(1); // TEXT
        bytes.write(plain, payload, plain.length - payload);
        byte[] content = bytes.toByteArray();
        content[1] = 12; // MENTIONS
        byte[] sealed = BatchSignatures.sign(List.of(content), ana::sign).get(0);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Envelopes.open(sealed));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    private static PeerId peer(int seed) {
        byte[] bytes = new byte[PeerId.LENGTH];
        bytes[0] = (byte) seed;
        return new PeerId(bytes);
    }
}
