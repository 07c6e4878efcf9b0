package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.HeldMail;
import org.peerdesk.messaging.MailboxStatus;
import org.peerdesk.messaging.Message;

/** The outbox, the courier and the mailbox between peers joined by in-memory streams. */
class DeliveryTest {

    @TempDir
    Path home;

    private TestNetwork network;
    private TestPeer ana;
    private TestPeer ben;

    @BeforeEach
    void peers() throws Exception {
        network = new TestNetwork();
        ana = new TestPeer("ana", home, network);
        ben = new TestPeer("ben", home, network);
    }

    @AfterEach
    void close() {
        network.close();
        ana.close();
        ben.close();
    }

    @Test
    void messagesWaitInTheOutboxAndArriveInOrderOnceConnected() throws Exception {
        ConversationId chat = ana.messenger().direct(ben.id()).id();
        for (int i = 1; i <= 50; i++) {
            ana.messenger().send(chat, "note " + i);
        }
        assertEquals(List.of(Message.Delivery.SENDING), deliveries(ana, chat));

        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 100).size() == 50, () -> "ben did not get all fifty");
        assertEquals(IntStream.rangeClosed(1, 50).mapToObj(i -> "note " + i).toList(),
                ben.messenger().latest(chat, 100).stream().map(Message::body).toList());
        Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.DELIVERED)), () -> "ana saw no delivery");
        assertEquals(50, ben.messenger().conversation(chat).orElseThrow().unread());

        ben.messenger().markRead(chat);
        Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.READ)), () -> "ana saw no read receipt");
        assertEquals(0, ben.messenger().conversation(chat).orElseThrow().unread());
        Await.until(() -> ben.storage.transact(OutboxRows::recipients).isEmpty() && ana.storage.transact(OutboxRows::recipients).isEmpty(),
                () -> "an outbox kept what was answered");
    }

    @Test
    void envelopesSignedAloneThatAnOlderOutboxHoldsGoOutAmongNewOnes() throws Exception {
        ConversationId chat = ana.messenger().direct(ben.id()).id();
        Message first = ana.messenger().send(chat, "first");
        byte[] signedAlone = ana.signAlone(new Envelope(Envelopes.newId(), chat, ana.id(), first.clock() + 1,
                new Envelope.Text("second", List.of())));
        ana.storage.transact(connection -> {
            OutboxRows.insert(connection, ben.id(), Optional.empty(), signedAlone);
            return null;
        });
        Thread.sleep(2); // the next tick of ana's clock comes after the second's
        ana.messenger().send(chat, "third");

        network.connect(ana, ben);
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 3, () -> "ben did not get all three");
        assertEquals(List.of("first", "second", "third"), ben.messenger().latest(chat, 10).stream().map(Message::body).toList());
        assertEquals(List.of(), ben.dropped);
    }

    @Test
    void peersMeetingByInviteSwapHellosWithoutOneRefusal() throws Exception {
        ana.mayMessage.put(ben.id(), false);
        ben.mayMessage.put(ana.id(), false);
        network.connectStrangers(ana, ben); // ana connects to present ben's invite
        ben.mayMessage.put(ana.id(), true); // ben takes the invite, gives what invites give, then answers
        ben.messaging.courier.accessChanged(ana.id());
        ben.messaging.courier.expectHello(ana.id());
        Await.stays(() -> network.refusedBy(ana) == 0, () -> "ben knocked before ana knew him");
        ana.mayMessage.put(ben.id(), true); // ana reads the answer and gives the same
        ana.messaging.courier.welcomed(ben.id());

        Await.until(() -> hasHelloFrom(ana, ben) && hasHelloFrom(ben, ana), () -> "the hellos did not cross");
        assertEquals(0, network.refusedBy(ana) + network.refusedBy(ben), "no stream was refused");
    }

    @Test
    void aPeerThatRefusesIsAskedAgainOnlyWhenSomethingChanges() throws Exception {
        ana.mayMessage.put(ben.id(), false);
        ben.mayMessage.put(ana.id(), false);
        network.connectStrangers(ana, ben);
        ana.messaging.courier.retryAll();
        Await.stays(() -> network.refusedBy(ana) + network.refusedBy(ben) == 0, () -> "strangers knocked with nothing to say");

        ConversationId chat = ana.messenger().direct(ben.id()).id();
        ana.messenger().send(chat, "may I?");
        Await.until(() -> ana.messenger().latest(chat, 1).get(0).problem().isPresent(), () -> "the waiting message does not say why");
        Message waiting = ana.messenger().latest(chat, 1).get(0);
        assertEquals(Message.Delivery.SENDING, waiting.delivery());
        assertEquals("they have not given you the right to message them; ask them for it (peerdesk request " + ben.id().shortForm()
                + " messages message)", waiting.problem().orElseThrow());
        for (int i = 0; i < 3; i++) {
            ana.messaging.courier.retryAll();
        }
        ana.messaging.courier.accessChanged(ben.id());
        Await.stays(() -> network.refusedBy(ben) == 1, () -> "ben was asked again though nothing changed");

        ben.mayMessage.put(ana.id(), true); // ben approves ana's request
        ana.messaging.courier.welcomed(ben.id());
        Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.DELIVERED)), () -> "the message did not go once allowed");
        assertTrue(ana.messenger().latest(chat, 1).get(0).problem().isEmpty(), "the note went with the message");
        assertEquals(List.of("may I?"), ben.messenger().latest(chat, 10).stream().map(Message::body).toList());

        // ana lets no one message her: ben, who has her hello now, does not knock, then or after reconnecting
        network.disconnect(ana, ben);
        network.connectStrangers(ana, ben);
        Await.stays(() -> network.refusedBy(ana) == 0 && network.refusedBy(ben) == 1, () -> "a peer knocked uninvited");
    }

    private static boolean hasHelloFrom(TestPeer asker, TestPeer peer) throws Exception {
        return asker.storage.transact(connection -> HelloRows.hello(connection, peer.id())).isPresent();
    }

    @Test
    void filesGoWithTheSignedMessageAndAreOfferedToTheOtherMembersOnly() throws Exception {
        ConversationId team = ana.messenger().createGroup("team", List.of(ben.id())).id();
        Path plan = java.nio.file.Files.writeString(home.resolve("plan.txt"), "the plan");
        network.connect(ana, ben);
        Message sent = ana.messenger().send(team, "", List.of(plan));
        assertEquals(List.of(new Attachment(8, "attachments/" + sent.id() + "/plan.txt")), sent.attachments());
        assertEquals(List.of(ben.id()), ana.offeredTo.get(sent.id()));
        Await.until(() -> ben.messenger().latest(team, 10).stream().anyMatch(message -> message.id().equals(sent.id())),
                () -> "ben did not get the message with the file");
        Message received = ben.messenger().latest(team, 10).stream().filter(message -> message.id().equals(sent.id())).findFirst().orElseThrow();
        assertEquals(sent.attachments(), received.attachments());
        assertEquals("plan.txt", received.attachments().get(0).name());
        assertEquals(sent.attachments(), ana.messenger().latest(team, 10).stream().filter(message -> message.id().equals(sent.id()))
                .findFirst().orElseThrow().attachments(), "kept in the sender's history too");
    }

    @Test
    void aLinkThatBreaksResendsWhatWasNotAnsweredAndNothingShowsTwice() throws Exception {
        ConversationId chat = ana.messenger().direct(ben.id()).id();
        network.connect(ana, ben);
        for (int i = 1; i <= 200; i++) {
            ana.messenger().send(chat, "burst " + i);
            if (i == 100) {
                network.disconnect(ana, ben);
                network.connect(ana, ben);
            }
        }
        Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.DELIVERED)), () -> "not everything was delivered");
        List<Message> received = ben.messenger().latest(chat, 1000);
        assertEquals(200, received.size());
        assertEquals(200, received.stream().map(Message::id).distinct().count());
    }

    @Test
    void theGroupsCreatorPassesMessagesAndReceiptsOnBetweenMembersWhoDoNotKnowEachOther() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);

            Message sent = cai.messenger().send(team.id(), "hello both");
            Await.until(() -> ids(ben, team.id()).contains(sent.id()), () -> "ana did not pass cai's message on to ben");
            Message arrived = latest(ben, team.id());
            assertEquals(cai.id(), arrived.author());
            assertEquals("hello both", arrived.body());
            assertEquals("cai", ben.messenger().memberNames().get(cai.id()), "ben knows cai by the name ana knows him by");
            Await.until(() -> latest(cai, team.id()).delivery() == Message.Delivery.DELIVERED,
                    () -> "ben's receipt did not come back through ana");

            ben.messenger().markRead(team.id());
            ana.messenger().markRead(team.id());
            Await.until(() -> latest(cai, team.id()).delivery() == Message.Delivery.READ, () -> "ben's read receipt did not come back");
            Message answer = ben.messenger().send(team.id(), "hello cai");
            Await.until(() -> ids(cai, team.id()).contains(answer.id()) && ids(ana, team.id()).contains(answer.id()),
                    () -> "ben's answer did not reach cai");
            assertEquals(ids(ana, team.id()), ids(ben, team.id()), "ana and ben see the same order");
            assertEquals(ids(ana, team.id()), ids(cai, team.id()), "ana and cai see the same order");
            assertEquals(List.of(), ben.dropped);
            assertEquals(List.of(), cai.dropped);
            Await.until(() -> cai.storage.transact(OutboxRows::recipients).isEmpty() && ana.storage.transact(OutboxRows::recipients).isEmpty(),
                    () -> "an outbox kept what its recipient confirmed");
        }
    }

    @Test
    void aMessageForAMemberThisNodeDoesNotKnowWaitsForTheCreatorAndSaysWhy() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);
            network.disconnect(ana, cai);

            Message sent = cai.messenger().send(team.id(), "is anyone there?");
            Await.until(() -> latest(cai, team.id()).problem().equals(Optional.of(Courier.CARRIER_AWAY_NOTE)),
                    () -> "cai's message does not say why it waits");
            assertEquals(Message.Delivery.SENDING, latest(cai, team.id()).delivery());

            network.connect(ana, cai);
            Await.until(() -> ids(ben, team.id()).contains(sent.id()), () -> "once ana came back, she did not pass it on");
            Await.until(() -> latest(cai, team.id()).delivery() == Message.Delivery.DELIVERED, () -> "cai saw no delivery");
            assertEquals(Optional.empty(), latest(cai, team.id()).problem());
        }
    }

    @Test
    void aMemberTheRecipientBlockedDoesNotReachItThroughTheCreator() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);
            ben.blocked.add(cai.id());

            Message sent = cai.messenger().send(team.id(), "let me in");
            Await.until(() -> ids(ana, team.id()).contains(sent.id()), () -> "ana did not get it");
            Await.until(() -> ben.dropped.stream().anyMatch(reason -> reason.contains("may not pass on")),
                    () -> "ben did not refuse what ana passed on from a peer he blocked");
            assertFalse(ids(ben, team.id()).contains(sent.id()));
            // cai records ana's taking it as ana's answer comes back, which may be after ana passed it on
            Await.until(() -> latest(cai, team.id()).delivery() == Message.Delivery.PASSED_ON,
                    () -> "cai's message was not shown as passed on");
        }
    }

    @Test
    void aMessageTheCreatorWillNotPassOnFailsForThatMemberWithItsReasonOnce() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);
            cai.mayMessage.put(ana.id(), false); // from now on cai refuses ana's streams, so it does not hear that ben left
            network.disconnect(ana, cai);
            network.connect(ana, cai);
            ana.messenger().removeMember(team.id(), ben.id());
            Message sent = cai.messenger().send(team.id(), "ben, are you still here?");

            Await.until(() -> byId(cai, team.id(), sent.id()).delivery() == Message.Delivery.FAILED,
                    () -> "cai's message for ben, who is no longer a member, did not fail");
            Message failed = byId(cai, team.id(), sent.id());
            assertTrue(failed.problem().orElse("").startsWith("ana, who made the group, did not pass it on: "), failed.problem().toString());
            cai.messaging.courier.retryAll();
            cai.messaging.courier.wake(ben.id());
            Await.until(() -> ids(ana, team.id()).contains(sent.id()), () -> "ana, still a member, did not get it");
            assertEquals(1, ana.dropped.stream().filter(reason -> reason.startsWith("refused to pass on")).count(), ana.dropped.toString());
            assertFalse(ids(ben, team.id()).contains(sent.id()));
        }
    }

    @Test
    void aMessageForAMemberWhoLeftBeforeItWasPassedOnFailsForThatMember() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);
            network.disconnect(ana, cai);
            Message sent = cai.messenger().send(team.id(), "ben, are you still here?");
            // cai's courier has looked for ana to pass it on, and found ana away: it routes the message only after the removal
            Await.until(() -> byId(cai, team.id(), sent.id()).problem().equals(Optional.of(Courier.CARRIER_AWAY_NOTE)),
                    () -> "cai did not find the group's creator away");
            byte[] removal = ana.seal(new Envelope(Envelopes.newId(), team.id(), ana.id(), sent.clock() + 1,
                    new Envelope.Members("Team", List.of(ana.id(), cai.id()))));
            assertEquals(List.of(Verdict.STORED), cai.messaging.inbox.accept(new Inbox.Direct(ana.id()), List.of(removal)));

            network.connect(ana, cai);
            Await.until(() -> byId(cai, team.id(), sent.id()).delivery() == Message.Delivery.FAILED,
                    () -> "cai's message for ben, who left, did not fail");
            assertEquals(Optional.of("ben is no longer a member of the group"), byId(cai, team.id(), sent.id()).problem());
            assertEquals(List.of(), ana.dropped, "nothing was offered to ana for ben");
        }
    }

    @Test
    void theCreatorPassesOnOnlyAMembersOwnGroupTrafficToAnotherMember() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network); TestPeer dan = new TestPeer("dan", home, network)) {
            Conversation team = network.groupOfStrangers(ana, ben, cai);
            ConversationId direct = ConversationId.direct(cai.id(), ana.id());
            byte[] bens = ben.seal(new Envelope(Envelopes.newId(), team.id(), ben.id(), 1, new Envelope.Text("forged by cai?", List.of())));
            byte[] cais = cai.seal(new Envelope(Envelopes.newId(), team.id(), cai.id(), 1, new Envelope.Text("hi", List.of())));
            byte[] notGroup = cai.seal(new Envelope(Envelopes.newId(), direct, cai.id(), 1, new Envelope.Text("hi", List.of())));
            byte[] members = cai.seal(new Envelope(Envelopes.newId(), team.id(), cai.id(), 1,
                    new Envelope.Members("mine now", List.of(cai.id(), ben.id()))));
            byte[] altered = cais.clone();
            altered[altered.length - 70] ^= 1;

            assertRefused("only what its author hands over", passOn(cai, ben, bens));
            assertRefused("not a group this node created", passOn(cai, ben, notGroup));
            assertRefused("not a group this node created", passOn(cai, ben, cai.seal(new Envelope(Envelopes.newId(),
                    ConversationId.direct(cai.id(), ben.id()), cai.id(), 1, new Envelope.Text("between us", List.of())))));
            byte[] unknownGroup = cai.seal(new Envelope(Envelopes.newId(), ConversationId.random(), cai.id(), 1, new Envelope.Text("hi", List.of())));
            assertEquals(Verdict.Kind.LATER, passOn(cai, ben, unknownGroup).kind(), "a group this node lost waits for a member to bring it back");
            assertRefused("only a group's messages, changes to them, reactions, pins, settings and receipts", passOn(cai, ben, members));
            assertRefused("must be other members", passOn(cai, dan, cais));
            assertRefused("must be other members", passOn(dan, ben, dan.seal(new Envelope(Envelopes.newId(), team.id(), dan.id(), 1,
                    new Envelope.Text("let me in", List.of())))));
            assertRefused("malformed or forged", passOn(cai, ben, altered));
            assertRefused("malformed or forged", passOn(cai, ben, new byte[] {2, 1, 0}));
            assertEquals(Verdict.Kind.STORED, passOn(cai, ben, cais).kind());
        }
    }

    private static Message byId(TestPeer peer, ConversationId conversation, String id) throws Exception {
        return peer.messenger().latest(conversation, 100).stream().filter(message -> message.id().equals(id)).findFirst().orElseThrow();
    }

    private Verdict passOn(TestPeer author, TestPeer recipient, byte[] envelope) throws Exception {
        return ana.storage.transact(connection -> GroupCarrier.take(connection, ana.id(), author.id(), recipient.id(), envelope));
    }

    private static void assertRefused(String reason, Verdict verdict) {
        assertEquals(Verdict.Kind.REFUSED, verdict.kind(), verdict.reason());
        assertTrue(verdict.reason().contains(reason), verdict.reason());
    }

    private static Message latest(TestPeer peer, ConversationId conversation) throws Exception {
        return peer.messenger().latest(conversation, 1).get(0);
    }

    @Test
    void aGroupMessageSaysHowManyMembersHaveItAndHowManyReadIt() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            network.connect(ana, ben);
            ConversationId team = ana.messenger().createGroup("Team", List.of(ben.id(), cai.id())).id();
            String hi = ana.messenger().send(team, "hi team").id();
            Await.until(() -> reach(ana, team, hi).delivered() == 1, () -> "ben did not get it");
            assertEquals(new Message.Reach(2, 1, 0), reach(ana, team, hi));
            assertEquals(Optional.of("delivered to 1 of 2"), reach(ana, team, hi).partly());
            assertEquals(Message.Delivery.SENDING, latest(ana, team, hi).delivery(), "the least advanced recipient's state");

            ben.messenger().markRead(team);
            Await.until(() -> reach(ana, team, hi).read() == 1, () -> "ana saw no read receipt from ben");
            assertEquals(Optional.of("delivered to 1 of 2"), reach(ana, team, hi).partly(), "cai has yet to get it");
            assertEquals(List.of(ben.id() + " read", cai.id() + " sending"), ana.messenger().receipts(hi).stream()
                    .map(receipt -> receipt.recipient() + " " + receipt.delivery().word()).toList(), "each member's, the furthest first");
            assertEquals(List.of(), ben.messenger().receipts(hi), "a message from another has no receipts here");

            network.connect(ana, cai);
            Await.until(() -> reach(ana, team, hi).delivered() == 2, () -> "cai did not get it");
            assertEquals(Optional.of("read by 1 of 2"), reach(ana, team, hi).partly());
            cai.messenger().markRead(team);
            Await.until(() -> latest(ana, team, hi).delivery() == Message.Delivery.READ, () -> "ana saw no read receipt from cai");
            assertEquals(new Message.Reach(2, 2, 2), reach(ana, team, hi));
            assertEquals(Optional.empty(), reach(ana, team, hi).partly(), "read by all: the state says it");
            assertEquals(Message.Reach.NONE, latest(ben, team, hi).reach(), "a message from another has no reach here");
        }
    }

    private static Message latest(TestPeer peer, ConversationId chat, String id) throws Exception {
        return peer.messenger().latest(chat, 100).stream().filter(message -> message.id().equals(id)).findFirst().orElseThrow();
    }

    private static Message.Reach reach(TestPeer peer, ConversationId chat, String id) throws Exception {
        return latest(peer, chat, id).reach();
    }

    @Test
    void groupsShowTheSameMembersAndOrderEverywhereAndOnlyTheCreatorChangesThem() throws Exception {
        try (TestPeer cai = new TestPeer("cai", home, network)) {
            Conversation team = network.groupOfFriends(ana, ben, cai);
            ben.messenger().send(team.id(), "ben here");
            cai.messenger().send(team.id(), "cai here");
            ana.messenger().send(team.id(), "ana here");
            Await.until(() -> ids(ana, team.id()).size() == 4 && ids(ben, team.id()).size() == 4 && ids(cai, team.id()).size() == 4,
                    () -> "not everyone has every message");
            assertEquals(ids(ana, team.id()), ids(ben, team.id()));
            assertEquals(ids(ana, team.id()), ids(cai, team.id()));
            assertEquals("ana created \"Team\" with cai and you", ben.messenger().latest(team.id(), 10).get(0).body());

            ana.messenger().renameGroup(team.id(), "Team B");
            Await.until(() -> cai.messenger().conversation(team.id()).orElseThrow().title().equals("Team B"), () -> "the new name did not spread");
            assertEquals("ana named the group \"Team B\"", cai.messenger().latest(team.id(), 1).get(0).body());
            assertThrowsMessage("Only the creator", () -> ben.messenger().renameGroup(team.id(), "Ben's team"));
            assertThrowsMessage("1 to", () -> ana.messenger().renameGroup(team.id(), " "));
            assertThrowsMessage("its creator stays", () -> ana.messenger().leaveGroup(team.id()));
            assertThrowsMessage("Only a group can be left", () -> ben.messenger().leaveGroup(ben.messenger().direct(ana.id()).id()));
            long beforeLeaving = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
            ben.messenger().leaveGroup(team.id());
            Set<PeerId> left = Set.of(ana.id(), cai.id());
            Await.until(() -> Set.copyOf(ana.messenger().conversation(team.id()).orElseThrow().members()).equals(left)
                    && Set.copyOf(ben.messenger().conversation(team.id()).orElseThrow().members()).equals(left)
                    && Set.copyOf(cai.messenger().conversation(team.id()).orElseThrow().members()).equals(left),
                    () -> "the creator did not take the leaving member out, or did not tell everyone");
            assertEquals("ben left", ana.messenger().latest(team.id(), 1).get(0).body());
            assertEquals("ben left", cai.messenger().latest(team.id(), 1).get(0).body(), "the others read it as leaving too");
            assertEquals(List.of("you asked ana to take you out", "you left"),
                    ben.messenger().latest(team.id(), 2).stream().map(Message::body).toList());
            Await.until(() -> ben.messenger().latest(team.id(), 2).get(0).delivery() == Message.Delivery.DELIVERED,
                    () -> "ben's request does not show as delivered");
            assertThrowsMessage("no longer a member", () -> ben.messenger().send(team.id(), "gone?"));

            assertThrowsMessage("Only the creator", () -> cai.messenger().removeMember(team.id(), ana.id()));
            ana.messenger().removeMember(team.id(), cai.id());
            Await.until(() -> cai.messenger().conversation(team.id()).orElseThrow().members().size() == 1, () -> "the removal did not spread");
            assertEquals("ana removed you", cai.messenger().latest(team.id(), 1).get(0).body());
            assertThrowsMessage("no longer a member", () -> cai.messenger().send(team.id(), "still here?"));
            assertThrowsMessage("no longer a member", () -> cai.messenger().leaveGroup(team.id()));

            ana.messenger().addMember(team.id(), ben.id());
            Await.until(() -> ben.messenger().conversation(team.id()).orElseThrow().members().contains(ben.id()), () -> "ben is not back");
            byte[] stale = ben.seal(new Envelope(Envelopes.newId(), team.id(), ben.id(), beforeLeaving, new Envelope.Leave()));
            assertEquals(List.of(Verdict.STORED), ana.messaging.inbox.accept(new Inbox.Direct(ben.id()), List.of(stale)));
            assertTrue(ana.messenger().conversation(team.id()).orElseThrow().members().contains(ben.id()),
                    "a request older than the last change does not undo it");
            byte[] notTheCreator = cai.seal(new Envelope(Envelopes.newId(), team.id(), cai.id(), Long.MAX_VALUE / 2, new Envelope.Leave()));
            assertTrue(ben.messaging.inbox.accept(new Inbox.Direct(cai.id()), List.of(notTheCreator)).get(0).kind() == Verdict.Kind.REFUSED,
                    "only the creator's node takes a member out");
            assertTrue(ben.dropped.stream().anyMatch(reason -> reason.contains("a group this node did not create")));
        }
    }

    @Test
    void aMailboxHoldsSealedMailItCannotAlterOrReplayUnnoticed() throws Exception {
        try (TestPeer box = new TestPeer("box", home, network)) {
            ConversationId chat = leftAtMailbox(box, "held 1", "held 2", "held 3");

            box.storage.transact(connection -> {
                List<MailboxRows.Item> held = MailboxRows.items(connection, ben.id(), 10, Instant.now());
                byte[] altered = held.get(1).mail();
                altered[altered.length - 20] ^= 1;
                try (PreparedStatement alter = connection.prepareStatement("UPDATE mailbox_items SET mail = ? WHERE seq = ?")) {
                    alter.setBytes(1, altered);
                    alter.setLong(2, held.get(1).seq());
                    alter.executeUpdate();
                }
                MailboxRows.deposit(connection, ben.id(), ana.id(), held.get(0).mail(), Instant.now(), Optional.empty());
                return null;
            });

            network.connect(ben, box);
            Await.until(() -> ben.messenger().latest(chat, 10).size() == 2, () -> "ben did not fetch his mail");
            assertEquals(List.of("held 1", "held 3"), ben.messenger().latest(chat, 10).stream().map(Message::body).toList());
            assertTrue(ben.dropped.stream().anyMatch(reason -> reason.contains("does not open")), ben.dropped.toString());
            Await.until(() -> box.storage.transact(connection -> MailboxRows.items(connection, ben.id(), 10, Instant.now())).isEmpty(),
                    () -> "the mailbox kept what ben took");

            network.connect(ana, ben);
            Await.until(() -> ben.messenger().latest(chat, 10).size() == 3, () -> "the altered message was not sent again directly");
            assertEquals(List.of("held 1", "held 2", "held 3"), ben.messenger().latest(chat, 10).stream().map(Message::body).toList());
        }
    }

    @Test
    void aMailboxDropsATextSetToDisappearWhenItsTimeComesAndKeepsTheSettingUntilFetched() throws Exception {
        try (TestPeer box = new TestPeer("box", home, network)) {
            benAwayWithMailbox(box);
            ConversationId chat = ana.messenger().direct(ben.id()).id();
            Message setting = ana.messenger().setDisappearing(chat, Duration.ofHours(1));
            Message text = ana.messenger().send(chat, "gone within the hour");
            Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.AT_MAILBOX)), () -> "nothing was left at the mailbox");
            Instant before = text.sent().plus(Duration.ofMinutes(59));
            Instant after = text.sent().plus(Duration.ofMinutes(61));
            assertEquals(2, box.storage.transact(connection -> MailboxRows.items(connection, ben.id(), 10, before)).size());
            assertEquals(1, box.storage.transact(connection -> MailboxRows.items(connection, ben.id(), 10, after)).size(),
                    "past its time the text is handed to no one");
            assertEquals(1, (int) box.storage.transact(connection -> MailboxRows.purge(connection, after)), "and the purge drops it");

            network.connect(ben, box);
            Await.until(() -> ben.messenger().message(setting.id()).isPresent(), () -> "ben did not fetch the setting");
            assertTrue(ben.messenger().message(text.id()).isEmpty());
            assertEquals(Duration.ofHours(1), ben.messenger().conversation(chat).orElseThrow().disappearAfter());
        }
    }

    @Test
    void aMailboxOfTheFirstVersionTakesMailSetToDisappearAsAnyOther() throws Exception {
        try (TestPeer box = new TestPeer("box", home, network)) {
            box.unknownProtocols.add(MailboxWire.PROTOCOL);
            benAwayWithMailbox(box);
            ConversationId chat = ana.messenger().direct(ben.id()).id();
            ana.messenger().setDisappearing(chat, Duration.ofHours(1));
            Message text = ana.messenger().send(chat, "kept until fetched");
            Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.AT_MAILBOX)), () -> "nothing was left at the mailbox");
            Instant after = text.sent().plus(Duration.ofMinutes(61));
            assertEquals(2, box.storage.transact(connection -> MailboxRows.items(connection, ben.id(), 10, after)).size());

            network.connect(ben, box);
            Await.until(() -> ben.messenger().message(text.id()).isPresent(), () -> "ben did not fetch the text");
        }
    }

    @Test
    void mailIsFetchedFromTheMailboxEvenWhenTheConnectionWentUnannounced() throws Exception {
        try (TestPeer box = new TestPeer("box", home, network)) {
            ConversationId chat = leftAtMailbox(box, "held");

            network.connectUntold(ben, box);
            ben.messaging.courier.retryAll();
            Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not fetch his mail");
        }
    }

    @Test
    void theMailboxStatusSaysWhatWaitsThereAndWhenMailLastCameThrough() throws Exception {
        try (TestPeer box = new TestPeer("box", home, network)) {
            leftAtMailbox(box, "held 1", "held 2", "held 3");
            MailboxStatus away = ben.messenger().mailboxStatus();
            assertEquals(Optional.of(box.id()), away.mailbox());
            assertFalse(away.online());
            assertEquals(Optional.empty(), away.lastMail());

            List<HeldMail> held = box.messenger().heldMail();
            assertEquals(1, held.size(), held.toString());
            assertEquals(ben.id(), held.get(0).recipient());
            assertEquals(3, held.get(0).pieces());
            assertTrue(held.get(0).bytes() > 0 && held.get(0).oldest().isPresent(), held.toString());
            assertEquals(List.of(), ana.messenger().heldMail(), "ana is nobody's mailbox");

            network.connect(ben, box);
            Await.until(() -> ben.messenger().mailboxStatus().lastMail().isPresent(), () -> "ben did not note the fetch");
            MailboxStatus back = ben.messenger().mailboxStatus();
            assertTrue(back.online());
            assertTrue(back.checked().isPresent());
            assertEquals(3, back.lastMailCount());
            assertEquals(Optional.empty(), back.problem());
            Await.until(() -> box.messenger().heldMail().equals(List.of(new HeldMail(ben.id(), 0, 0, Optional.empty()))),
                    () -> "the mailbox still holds mail for ben, or no longer lists him");

            ben.messaging.setMailbox(Optional.of(ana.id()));
            MailboxStatus another = ben.messenger().mailboxStatus();
            assertEquals(Optional.empty(), another.lastMail(), "what the old mailbox brought is not the new one's");
        }
    }

    @Test
    void aMailboxThatDoesNotLetTheNodeInIsShownAsItsProblemUntilAFetchSucceeds() throws Exception {
        try (TestPeer box = new TestPeer("box", home, network)) {
            box.mayMessage.put(ben.id(), false);
            network.connect(ben, box);
            ben.messaging.setMailbox(Optional.of(box.id()));
            Await.until(() -> ben.messenger().mailboxStatus().problem().isPresent(), () -> "the refusal was not noted");
            assertTrue(ben.messenger().mailboxStatus().problem().orElseThrow().contains("does not let this node message it"),
                    ben.messenger().mailboxStatus().toString());
            assertEquals(Optional.empty(), ben.messenger().mailboxStatus().checked());

            box.mayMessage.put(ben.id(), true);
            ben.messaging.courier.retryAll();
            Await.until(() -> ben.messenger().mailboxStatus().problem().isEmpty(), () -> "the problem outlived a fetch that worked");
            assertTrue(ben.messenger().mailboxStatus().checked().isPresent());
        }
    }

    @Test
    void mailForAnAwayPeerWhoseMailboxRefusesTheSenderSaysWhomToAskAndIsLeftOnceTheMailboxGrants() throws Exception {
        try (TestPeer box = new TestPeer("box", home, network)) {
            benAwayWithMailbox(box);
            box.mayMessage.put(ana.id(), false);
            ConversationId chat = ana.messenger().direct(ben.id()).id();
            ana.messenger().send(chat, "held");
            Await.until(() -> ana.messenger().latest(chat, 1).get(0).problem().isPresent(), () -> "the waiting message does not say why");
            assertEquals(Courier.mailboxRefusedNote(box.id()), ana.messenger().latest(chat, 1).get(0).problem().orElseThrow());
            assertEquals(Map.of(), ana.messenger().waitingForTheRight(), "ben, who refused nothing, is not taken for refusing");
            assertEquals(Map.of(ben.id(), box.id()), ana.messaging.courier.heldBackByMailboxes(), "what holds ben's mail back, for the status");
            ana.messenger().send(chat, "held too");
            ana.messaging.courier.retryAll();
            Await.until(() -> ana.messenger().latest(chat, 1).get(0).problem().isPresent(), () -> "the later message does not say why it waits");
            assertEquals(Courier.mailboxRefusedNote(box.id()), ana.messenger().latest(chat, 1).get(0).problem().orElseThrow());
            Await.stays(() -> network.refusedBy(box, MailboxWire.PROTOCOL) == 1, () -> "the mailbox was asked again though nothing changed");

            box.mayMessage.put(ana.id(), true); // the mailbox grants ana the right to message it
            ana.messaging.courier.letsUsMessage(box.id());
            Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.AT_MAILBOX)), () -> "nothing was left at the mailbox");
            assertTrue(ana.messenger().latest(chat, 1).get(0).problem().isEmpty(), "the note went with the mail");
            assertEquals(Map.of(), ana.messaging.courier.heldBackByMailboxes());
        }
    }

    /** Ana sends {@code bodies} to ben while he is away; they wait at {@code box}, ben's mailbox, and neither is connected to him. */
    private ConversationId leftAtMailbox(TestPeer box, String... bodies) throws Exception {
        benAwayWithMailbox(box);
        ConversationId chat = ana.messenger().direct(ben.id()).id();
        for (String body : bodies) {
            ana.messenger().send(chat, body);
        }
        Await.until(() -> deliveries(ana, chat).equals(List.of(Message.Delivery.AT_MAILBOX)), () -> "nothing was left at the mailbox");
        assertEquals(bodies.length, box.storage.transact(connection -> MailboxRows.items(connection, ben.id(), 10, Instant.now())).size(),
                "the mailbox holds all of it: ben, away, took none");
        return chat;
    }

    /** Ben chooses {@code box} as his mailbox, which ana and the box learn from his hello; then he goes away. */
    private void benAwayWithMailbox(TestPeer box) throws Exception {
        network.connect(ana, ben);
        network.connect(ana, box);
        network.connect(ben, box);
        ben.messaging.setMailbox(Optional.of(box.id()));
        Await.until(() -> mailboxOf(ana, ben).isPresent() && mailboxOf(box, ben).isPresent(), () -> "the hello did not arrive");
        network.disconnect(ana, ben);
        network.disconnect(ben, box);
    }

    private static Optional<PeerId> mailboxOf(TestPeer asker, TestPeer peer) throws Exception {
        return asker.storage.transact(connection -> HelloRows.hello(connection, peer.id())).flatMap(Envelope.Hello::mailbox);
    }

    private static List<Message.Delivery> deliveries(TestPeer peer, ConversationId chat) throws Exception {
        return peer.messenger().latest(chat, 1000).stream().filter(Message::outgoing).map(Message::delivery).distinct().toList();
    }

    private static List<String> ids(TestPeer peer, ConversationId chat) throws Exception {
        return peer.messenger().latest(chat, 1000).stream().map(Message::id).toList();
    }

    interface Action {
        void run() throws Exception;
    }

    static void assertThrowsMessage(String part, Action action) {
        try {
            action.run();
        } catch (Exception e) {
            assertTrue(String.valueOf(e.getMessage()).contains(part), e.getMessage());
            return;
        }
        throw new AssertionError("expected a failure saying '" + part + "'");
    }
}
