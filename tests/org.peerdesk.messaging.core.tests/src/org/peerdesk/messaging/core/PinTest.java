package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;

/** Members pin messages to the top of a conversation; every member's node keeps the newest change to each message. */
class PinTest extends TwoPeers {

    @Test
    void aPinReachesTheOtherMemberWhoMayUnpinIt() throws Exception {
        Message plan = ana.messenger().send(chat, "The plan: ship on Friday");
        Message lunch = ana.messenger().send(chat, "Lunch at noon?");
        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 2, () -> "ben did not get both messages");

        Message pinned = ana.messenger().pin(plan.id(), true);
        assertEquals(Optional.of(ana.id()), pinned.pinned().map(pin -> pin.by()), "the pinner's own copy at once");
        Await.until(() -> pinnedIds(ben).equals(List.of(plan.id())), () -> "the pin did not reach ben: " + pinnedIds(ben));
        assertEquals(ana.id(), message(ben, plan.id()).pinned().orElseThrow().by(), "ben sees who pinned it");
        assertEquals(Optional.empty(), message(ben, lunch.id()).pinned());

        ben.messenger().pin(lunch.id(), true);
        Await.until(() -> pinnedIds(ana).equals(List.of(lunch.id(), plan.id())), () -> "the last pinned comes first: " + pinnedIds(ana));
        ben.messenger().pin(plan.id(), false);
        Await.until(() -> pinnedIds(ana).equals(List.of(lunch.id())), () -> "any member unpins any message: " + pinnedIds(ana));
        assertEquals(pinnedIds(ana), pinnedIds(ben), "both see the same");

        ana.messenger().delete(lunch.id());
        Await.until(() -> pinnedIds(ben).isEmpty(), () -> "a deleted message is no longer pinned: " + pinnedIds(ben));
        assertTrue(assertThrows(MessagingException.class, () -> ben.messenger().pin(lunch.id(), true)).getMessage().contains("deleted"));
    }

    @Test
    void aPinBeforeItsMessageIsKeptForItAndAnOlderChangeChangesNothing() throws Exception {
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String message = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock - 1,
                new Envelope.Text("hello", List.of())))));
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + 2,
                new Envelope.Pin(message, true)))), "its message took another way, and is not here yet: kept for it");

        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(message, chat, ana.id(), clock, new Envelope.Text("the plan", List.of())))));
        assertEquals(List.of(message), pinnedIds(ben), "pinned once it came");
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + 1,
                new Envelope.Pin(message, false)))));
        assertEquals(List.of(message), pinnedIds(ben), "the older unpin came late");
    }

    @Test
    void aPinCountsOnlyWhereItsMessageIsAndBadOnesAreRefused() throws Exception {
        network.connect(ana, ben);
        ConversationId group = ana.messenger().createGroup("team", List.of(ben.id())).id();
        Await.until(() -> ben.messenger().conversation(group).isPresent(), () -> "ben did not learn of the group");
        network.disconnect(ana, ben);
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        String message = Envelopes.newId();
        assertEquals(Verdict.STORED, oneFromAna(ana.seal(new Envelope(message, chat, ana.id(), clock, new Envelope.Text("the plan", List.of())))));
        assertEquals(Verdict.Kind.REFUSED, oneFromAna(ana.seal(new Envelope(Envelopes.newId(), group, ana.id(), clock + 1,
                new Envelope.Pin(message, true)))).kind(), "a pin names its message's conversation");
        assertEquals(List.of(), ben.messenger().pinned(group));
        assertEquals(List.of(), pinnedIds(ben));

        byte[] pin = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), clock + 1, new Envelope.Pin(message, true)));
        pin[indexOf(pin, HexFormat.of().parseHex(message)) + Envelopes.ID_BYTES] = 2;
        assertTrue(assertThrows(InvalidInputException.class, () -> Envelopes.open(pin)).getMessage().contains("neither pins nor unpins"));
        assertTrue(assertThrows(MessagingException.class, () -> ben.messenger().pin(Envelopes.newId(), true)).getMessage()
                .startsWith("There is no message "));

        ben.messenger().pin(message, true);
        assertEquals(List.of(message), pinnedIds(ben));
        ben.messenger().clearHistory(chat);
        assertEquals(0, pinRows(ben), "the cleared message's pin went with it");
    }

    private List<String> pinnedIds(TestPeer peer) {
        try {
            return peer.messenger().pinned(chat).stream().map(Message::id).toList();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static int pinRows(TestPeer peer) throws Exception {
        return peer.storage.transact(connection -> {
            try (var count = connection.prepareStatement("SELECT COUNT(*) FROM message_pins"); var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
