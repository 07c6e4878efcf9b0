package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;

/**
 * A member whose node lost its groups (it took a lost machine's place, or its database came back from before) gets each
 * back with the group's next message to it: from the creator, or from any member passing on the creator's signed list;
 * a creator that lost its own group takes it back as its own.
 */
class LostGroupTest extends TwoPeers {

    private TestPeer cai;

    @BeforeEach
    void third() throws Exception {
        cai = new TestPeer("cai", home, network);
    }

    @AfterEach
    void closeThird() {
        cai.close();
    }

    @Test
    void aMemberThatLostTheGroupGetsItBackFromAnotherMemberWithTheMessageThatFoundItMissing() throws Exception {
        Conversation team = network.groupOfFriends(ana, ben, cai);
        ben = lost(ben, ana, cai);

        Message sent = cai.messenger().send(team.id(), "still with us, ben?");
        Await.until(() -> ids(ben, team.id()).contains(sent.id()), () -> "ben did not get the group back with cai's message");
        Conversation back = ben.messenger().conversation(team.id()).orElseThrow();
        assertEquals("Team", back.title());
        assertEquals(ana.id(), back.creator());
        assertEquals(Set.copyOf(team.members()), Set.copyOf(back.members()));
        assertEquals(List.of("ana created \"Team\" with cai and you", "still with us, ben?"), bodies(ben, team.id()));
        Await.until(() -> latest(cai, team.id()).reach().delivered() == 2, () -> "cai saw no delivery to ben");

        Message answer = ben.messenger().send(team.id(), "back again");
        Await.until(() -> ids(ana, team.id()).contains(answer.id()) && ids(cai, team.id()).contains(answer.id()),
                () -> "ben's answer did not reach the others");
        assertEquals(List.of(), ben.dropped);
        assertEquals(List.of(), ana.dropped);
    }

    @Test
    void aCreatorThatLostItsGroupTakesItBackAsItsOwnAndChangesItAgain() throws Exception {
        Conversation team = network.groupOfFriends(ana, ben, cai);
        ana = lost(ana, ben, cai);

        Message sent = ben.messenger().send(team.id(), "ana, are you there?");
        Await.until(() -> ids(ana, team.id()).contains(sent.id()), () -> "ana did not get her group back from ben");
        Conversation back = ana.messenger().conversation(team.id()).orElseThrow();
        assertEquals(ana.id(), back.creator(), "the group is hers again");
        assertEquals("you created \"Team\" with ben and cai", bodies(ana, team.id()).get(0));

        ana.messenger().renameGroup(team.id(), "Team again");
        Await.until(() -> ben.messenger().conversation(team.id()).orElseThrow().title().equals("Team again")
                && cai.messenger().conversation(team.id()).orElseThrow().title().equals("Team again"),
                () -> "the members did not take the creator's change after she took the group back");
        assertEquals(List.of(), ana.dropped);
        assertEquals(List.of(), ben.dropped);
    }

    @Test
    void aMemberThatLostTheGroupGetsItFromTheCreatorPassingOnAnotherMembersMessage() throws Exception {
        Conversation team = network.groupOfStrangers(ana, ben, cai);
        ben = lost(ben, ana);
        ben.strangers.add(cai.id());
        ben.mayMessage.put(cai.id(), false);

        Message sent = cai.messenger().send(team.id(), "passed on by ana");
        Await.until(() -> ids(ben, team.id()).contains(sent.id()), () -> "ana did not bring ben the group with cai's message");
        assertEquals("cai", ben.messenger().memberNames().get(cai.id()), "the creator says again what she calls the members");
        assertEquals(List.of(), ben.dropped);
    }

    @Test
    void aMemberListIsPassedOnOnlyByAMemberInItAndOnlyWhereItsCreatorMayMessage() throws Exception {
        Conversation team = network.groupOfFriends(ana, ben, cai);
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        byte[] signed = ana.seal(new Envelope(Envelopes.newId(), team.id(), ana.id(), clock, new Envelope.Members("Team", team.members())));
        ben = lost(ben);
        try (TestPeer eve = new TestPeer("eve", home, network)) {
            Verdict fromOutsider = ben.messaging.inbox.accept(new Inbox.Direct(eve.id()), List.of(signed)).get(0);
            assertEquals(Verdict.Kind.REFUSED, fromOutsider.kind());
            assertTrue(fromOutsider.reason().contains("may not pass on"), fromOutsider.reason());
        }
        TestPeer benAgain = ben;
        benAgain.mayMessage.put(ana.id(), false);
        Verdict creatorMayNot = benAgain.messaging.inbox.accept(new Inbox.Direct(cai.id()), List.of(signed)).get(0);
        assertEquals(Verdict.Kind.REFUSED, creatorMayNot.kind(), "a list from a creator this node does not let message it");
        assertTrue(benAgain.messenger().conversation(team.id()).isEmpty());

        benAgain.mayMessage.put(ana.id(), true);
        assertEquals(Verdict.STORED, benAgain.messaging.inbox.accept(new Inbox.Direct(cai.id()), List.of(signed)).get(0));
        assertEquals(ana.id(), benAgain.messenger().conversation(team.id()).orElseThrow().creator());
    }

    private static List<String> ids(TestPeer peer, ConversationId conversation) throws Exception {
        return peer.messenger().latest(conversation, 100).stream().map(Message::id).toList();
    }

    private static List<String> bodies(TestPeer peer, ConversationId conversation) throws Exception {
        return peer.messenger().latest(conversation, 100).stream().map(Message::body).toList();
    }

    private static Message latest(TestPeer peer, ConversationId conversation) throws Exception {
        List<Message> messages = peer.messenger().latest(conversation, 1);
        return messages.get(messages.size() - 1);
    }
}
