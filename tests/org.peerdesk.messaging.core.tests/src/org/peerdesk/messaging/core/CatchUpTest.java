package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Pin;
import org.peerdesk.messaging.Reaction;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/** After a take-over, the messages the lost machine had and its backup did not come back from the peers they were exchanged with. */
class CatchUpTest extends TwoPeers {

    @Test
    void whatCameAfterTheBackupComesBackFromThePeerOnceItConnects() throws Exception {
        network.connect(ana, ben);
        Message before = ana.messenger().send(chat, "before the backup");
        Await.until(() -> ben.messenger().message(before.id()).isPresent(), () -> "ben did not get the first message");
        Path backup = Files.createDirectories(home.resolve("backup"));
        ana.messaging.writeConversations(backup);

        Message fromBen = ben.messenger().send(chat, "after the backup, from ben");
        Await.until(() -> ana.messenger().message(fromBen.id()).isPresent(), () -> "ana did not get ben's message"); // hers answers it
        Message fromAna = ana.messenger().send(chat, "after the backup, from ana");
        ConversationId team = ana.messenger().createGroup("Team", List.of(ben.id())).id();
        Message inTheGroup = ana.messenger().send(team, "a group made after the backup");
        Await.until(() -> ben.messenger().message(fromAna.id()).isPresent() && ben.messenger().message(inTheGroup.id()).isPresent()
                && ana.messenger().message(fromBen.id()).isPresent(), () -> "the messages after the backup were not exchanged");
        ben.messenger().mute(chat, true);
        ben.messenger().saveDraft(chat, new Draft("what ben has not sent", Optional.empty()));

        ana = lost(ana);
        PeerId metSince = PeerId.fromHex("ab".repeat(32)); // a peer the node knew, in no conversation the backup kept
        assertEquals(Optional.of(new Messaging.TakenBack(new History.TakenBack(1, 1), 2)),
                ana.messaging.takeBackConversations(backup, ana.id(), List.of(metSince, ana.id())), "ben is to give back what came after");
        assertTrue(ana.messenger().message(fromBen.id()).isEmpty(), "the backup did not have it");
        assertEquals(java.util.Set.of(ben.id(), metSince), java.util.Set.copyOf(ana.messaging.catchUps.pending()),
                "ben is still to give it back, and so is every peer the node knew");
        network.connect(ana, ben);
        Await.until(() -> ana.messenger().message(fromBen.id()).isPresent() && ana.messenger().message(fromAna.id()).isPresent()
                && ana.messenger().message(inTheGroup.id()).isPresent(), () -> "ben did not give back what came after the backup");

        assertTrue(ana.messenger().message(fromAna.id()).orElseThrow().outgoing(), "what ana wrote is hers");
        assertFalse(ana.messenger().message(fromBen.id()).orElseThrow().outgoing());
        assertEquals(List.of("before the backup", "after the backup, from ben", "after the backup, from ana"),
                ana.messenger().latest(chat, 10).stream().filter(message -> message.kind() == Message.Kind.TEXT).map(Message::body).toList(),
                "in the order they were written");
        Conversation direct = ana.messenger().conversation(chat).orElseThrow();
        assertEquals(1, direct.unread(), "what ben wrote since counts as unread: ana may not have read it on the lost machine");
        assertFalse(direct.muted(), "ben's mute is his");
        assertEquals(Draft.NONE, direct.draft(), "and so is his draft");
        assertEquals("Team", ana.messenger().conversation(team).orElseThrow().title());
        Await.until(() -> ana.messaging.catchUps.pending().equals(List.of(metSince)), () -> "ben is asked once");
        assertEquals(List.of(), ana.dropped);
    }

    @Test
    void aDamagedOrCutAnswerIsNamedAndWhatCameBeforeTheDamageStays() throws Exception {
        network.connect(ana, ben);
        ben.messenger().direct(ana.id());
        for (int i = 1; i <= 3; i++) {
            ben.messenger().send(chat, "note " + i);
        }
        Await.until(() -> ana.messenger().latest(chat, 10).size() >= 3, () -> "ana did not get ben's notes");
        Path answers = Files.createDirectories(home.resolve("answers"));
        ben.messaging.writeConversations(answers);
        byte[] whole = Files.readAllBytes(answers.resolve(History.FILE));
        ana = lost(ana);

        IOException garbage = assertThrows(IOException.class, () -> ana.messaging.history.catchUp(
                answer("HTTP/1.1 200 OK".getBytes(StandardCharsets.US_ASCII)), ana.id(), ben.id()));
        assertEquals(ben.id().shortForm() + "'s answer is damaged: it is not a Peerdesk history, or one of a later version",
                garbage.getMessage());
        IOException cut = assertThrows(IOException.class, () -> ana.messaging.history.catchUp(
                answer(Arrays.copyOf(whole, whole.length - 10)), ana.id(), ben.id()));
        assertEquals(ben.id().shortForm() + "'s answer ended early", cut.getMessage());
        assertEquals(new History.TakenBack(3, 1), ana.messaging.history.catchUp(answer(whole), ana.id(), ben.id()),
                "the whole answer brings it all");
        assertEquals(List.of("note 1", "note 2", "note 3"), ana.messenger().latest(chat, 10).stream().map(Message::body).toList());
    }

    @Test
    void aMemberAskingIsGivenNoneOfAGroupsMessagesFromBeforeItJoined() throws Exception {
        TestPeer cai = new TestPeer("cai", home, network);
        network.connect(ana, cai);
        ConversationId team = ana.messenger().createGroup("Team", List.of(ben.id())).id();
        Message before = ana.messenger().send(team, "before cai joined");
        ana.messenger().addMember(team, cai.id());
        Message after = ana.messenger().send(team, "after cai joined");
        Await.until(() -> cai.messenger().message(after.id()).isPresent(), () -> "cai did not get the group's message");

        try (Stream stream = network.streamsOf(cai).open(ana.id(), ProtocolId.of(CatchUps.PROTOCOL))) {
            new DataOutputStream(stream.output()).writeLong(0); // everything there is
            cai.messaging.catchUps.take(new DataInputStream(stream.input()), ana.id(), true);
        }
        assertTrue(cai.messenger().message(before.id()).isEmpty(), "what the group said before cai joined is not cai's");
        assertTrue(cai.messenger().message(after.id()).isPresent());
        cai.close();
    }

    @Test
    void aPeerIsTakenOnlyForItsOwnConversationsWithThisNodeAndForWhatEitherOfThemWrote() throws Exception {
        TestPeer cai = new TestPeer("cai", home, network);
        Conversation team = network.groupOfFriends(ana, ben, cai);
        Message fromCai = cai.messenger().send(team.id(), "cai's word, his alone to give");
        Message fromBen = ben.messenger().send(team.id(), "ben's word");
        Message fromAna = ana.messenger().send(team.id(), "ana's word");
        ConversationId benAndCai = ben.messenger().direct(cai.id()).id();
        ben.messenger().send(benAndCai, "between ben and cai");
        Await.until(() -> ben.messenger().message(fromCai.id()).isPresent() && ben.messenger().message(fromAna.id()).isPresent()
                && cai.messenger().message(fromAna.id()).isPresent(), () -> "the group's messages were not exchanged");
        ben.messenger().mute(team.id(), true);
        ben.messenger().react(fromAna.id(), "👍");
        cai.messenger().react(fromAna.id(), "🎉");
        Await.until(() -> ben.messenger().message(fromAna.id()).orElseThrow().reactions().size() == 2, () -> "ben did not get cai's reaction");
        cai.messenger().setDisappearing(team.id(), Duration.ofDays(1));
        Await.until(() -> !ben.messenger().conversation(team.id()).orElseThrow().disappearAfter().isZero(), () -> "ben did not get cai's setting");
        Path everything = Files.createDirectories(home.resolve("bens"));
        ben.messaging.writeConversations(everything); // all ben has, mutes and drafts too: what a peer that oversteps could send
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.write(Files.readAllBytes(everything.resolve(History.FILE)));
        LaterChanges.write(new DataOutputStream(answer), // and every change that cai or ben made, as if cai had asked
                ben.storage.transact(connection -> LaterChanges.since(connection, cai.id(), ben.id(), 0)));

        ana = lost(ana);
        ana.messaging.catchUps.take(answer(answer.toByteArray()), ben.id(), true);
        assertTrue(ana.messenger().message(fromBen.id()).isPresent() && ana.messenger().message(fromAna.id()).isPresent());
        assertTrue(ana.messenger().message(fromCai.id()).isEmpty(), "cai's message is cai's to give back");
        assertEquals(List.of(new Reaction("👍", List.of(ben.id()))), ana.messenger().message(fromAna.id()).orElseThrow().reactions(),
                "and so is his reaction");
        assertEquals(Duration.ZERO, ana.messenger().conversation(team.id()).orElseThrow().disappearAfter(), "and his setting");
        assertTrue(ana.messenger().conversation(benAndCai).isEmpty(), "a conversation without ana is none of hers");
        assertFalse(ana.messenger().isMuted(team.id()), "ben's mute stays his");
        cai.close();
    }

    @Test
    void whatWasDoneAfterTheBackupToOlderMessagesComesBackToo() throws Exception {
        network.connect(ana, ben);
        Message edited = ana.messenger().send(chat, "to be edited");
        Message deleted = ana.messenger().send(chat, "to be deleted");
        Await.until(() -> ben.messenger().message(deleted.id()).isPresent(), () -> "ben did not get ana's messages");
        Message bens = ben.messenger().send(chat, "ben's, to be edited and reacted to");
        Await.until(() -> ana.messenger().message(bens.id()).isPresent(), () -> "ana did not get ben's message");
        Path backup = Files.createDirectories(home.resolve("backup"));
        ana.messaging.writeConversations(backup);

        ana.messenger().edit(edited.id(), "edited after the backup");
        ana.messenger().delete(deleted.id());
        ana.messenger().react(bens.id(), "👍");
        ben.messenger().edit(bens.id(), "ben's, edited after the backup");
        ben.messenger().pin(edited.id(), true);
        Await.until(() -> ben.messenger().message(deleted.id()).orElseThrow().revision() == Message.Revision.DELETED
                && ben.messenger().message(bens.id()).orElseThrow().reactions().size() == 1
                && ben.messenger().message(edited.id()).orElseThrow().body().equals("edited after the backup")
                && ana.messenger().message(bens.id()).orElseThrow().body().equals("ben's, edited after the backup")
                && ana.messenger().message(edited.id()).orElseThrow().pinned().isPresent(), () -> "the changes were not exchanged");

        ana = lost(ana);
        ana.messaging.takeBackConversations(backup, ana.id(), List.of());
        assertEquals("to be edited", ana.messenger().message(edited.id()).orElseThrow().body(), "as the backup had it");
        network.connect(ana, ben);
        Await.until(() -> ana.messaging.catchUps.pending().isEmpty(), () -> "ben did not answer");

        Message nowEdited = ana.messenger().message(edited.id()).orElseThrow();
        assertEquals("edited after the backup", nowEdited.body());
        assertEquals(Message.Revision.EDITED, nowEdited.revision());
        assertEquals(Optional.of(ben.id()), nowEdited.pinned().map(Pin::by));
        assertEquals(Message.Revision.DELETED, ana.messenger().message(deleted.id()).orElseThrow().revision(), "deleted for everyone stays so");
        assertEquals(List.of(), ana.messenger().search("deleted", 10), "its words are gone from the search too");
        Message bensNow = ana.messenger().message(bens.id()).orElseThrow();
        assertEquals("ben's, edited after the backup", bensNow.body());
        assertEquals(List.of(new Reaction("👍", List.of(ana.id()))), bensNow.reactions());
        assertEquals(List.of(), ana.dropped);
    }

    @Test
    void aPeerThatMissedTheNewestEditDoesNotUndoIt() throws Exception {
        TestPeer cai = new TestPeer("cai", home, network);
        Conversation team = network.groupOfFriends(ana, ben, cai);
        Message anas = ana.messenger().send(team.id(), "ana's first words");
        Await.until(() -> ben.messenger().message(anas.id()).isPresent() && cai.messenger().message(anas.id()).isPresent(),
                () -> "the group did not get ana's message");
        Path backup = Files.createDirectories(home.resolve("backup"));
        ana.messaging.writeConversations(backup);
        ana.messenger().edit(anas.id(), "first edit");
        Await.until(() -> ben.messenger().message(anas.id()).orElseThrow().body().equals("first edit"), () -> "ben did not get the edit");
        network.disconnect(ana, ben);
        ana.messenger().edit(anas.id(), "second edit"); // ben never gets it: the machine is lost before
        Await.until(() -> cai.messenger().message(anas.id()).orElseThrow().body().equals("second edit"), () -> "cai did not get the edit");

        ana = lost(ana);
        ana.messaging.takeBackConversations(backup, ana.id(), List.of());
        network.connect(ana, cai);
        Await.until(() -> !ana.messaging.catchUps.pending().contains(cai.id()), () -> "cai did not answer");
        network.connect(ana, ben);
        Await.until(() -> ana.messaging.catchUps.pending().isEmpty(), () -> "ben did not answer");
        assertEquals("second edit", ana.messenger().message(anas.id()).orElseThrow().body(), "the newest edit counts");
        cai.close();
    }

    @Test
    void aPeerOfTheVersionBeforeChangesCameBackGivesTheMessages() throws Exception {
        ben.unknownProtocols.add(CatchUps.PROTOCOL);
        network.connect(ana, ben);
        Message before = ana.messenger().send(chat, "before the backup");
        Await.until(() -> ben.messenger().message(before.id()).isPresent(), () -> "ben did not get ana's message");
        Path backup = Files.createDirectories(home.resolve("backup"));
        ana.messaging.writeConversations(backup);
        Message fromBen = ben.messenger().send(chat, "after the backup");
        Await.until(() -> ana.messenger().message(fromBen.id()).isPresent(), () -> "ana did not get ben's message");

        ana = lost(ana);
        ana.messaging.takeBackConversations(backup, ana.id(), List.of(ben.id()));
        network.connect(ana, ben);
        Await.until(() -> ana.messaging.catchUps.pending().isEmpty(), () -> "ben did not answer");
        assertTrue(ana.messenger().message(fromBen.id()).isPresent());
        assertEquals(1, network.refusedBy(ben, CatchUps.PROTOCOL), "asked in this version's protocol once, then in the first");
    }

    private static DataInputStream answer(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
