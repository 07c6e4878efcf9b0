package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Quote;

/** The conversations as data, as backups keep them: a node that takes the lost one's place has them as the lost one had. */
class HistoryTest extends TwoPeers {

    @Test
    void theLostNodesConversationsComeBackAsItHadThemAndOnlyOnce() throws Exception {
        network.connect(ana, ben);
        Path plan = Files.writeString(home.resolve("plan.txt"), "the plan");
        Message sent = ana.messenger().send(chat, "Here is the plan for Thursday", List.of(plan));
        Await.until(() -> ben.messenger().message(sent.id()).isPresent(), () -> "ben did not get the plan");
        Message answer = ben.messenger().reply(sent.id(), "Looks good, @ana", List.of());
        Message typo = ben.messenger().send(chat, "See you tomorow");
        ben.messenger().edit(typo.id(), "See you tomorrow");
        Message regret = ben.messenger().send(chat, "never mind");
        Await.until(() -> ana.messenger().message(regret.id()).isPresent(), () -> "ana did not get ben's message"); // else it is withdrawn
        ben.messenger().delete(regret.id());
        ben.messenger().pin(sent.id(), true);
        Await.until(() -> ana.messenger().message(regret.id()).map(Message::revision).orElse(null) == Message.Revision.DELETED
                && ana.messenger().message(sent.id()).orElseThrow().pinned().isPresent(), () -> "ana did not see all of ben's changes");
        ana.messenger().react(answer.id(), "👍");
        ConversationId team = ana.messenger().createGroup("Team", List.of(ben.id())).id();
        ana.messenger().send(team, "hello team");
        ana.messenger().forward(answer.id(), team);
        Await.until(() -> ben.messenger().conversation(team).isPresent(), () -> "ben did not get the group");
        ana.messenger().mute(team, true);
        Draft draft = new Draft("About Thursday: could we", java.util.Optional.of(answer.id()));
        ana.messenger().saveDraft(chat, draft);
        List<List<Object>> before = everything(ana);
        long listClock = membersClock(ana, team);
        Path file = home.resolve(History.FILE);
        ana.messaging.writeConversations(home);

        ana = lost(ana);
        History.TakenBack taken = ana.messaging.history.takeBack(file, ana.id());
        assertEquals(new History.TakenBack(7, 2), taken);
        assertEquals(before, everything(ana));
        assertEquals(listClock, membersClock(ana, team), "the list comes back with its clock: a stale list passed on later does not replace it");
        for (Conversation conversation : ana.messenger().conversations()) {
            assertEquals(0, conversation.unread(), "what comes back was read");
        }
        assertTrue(ana.messenger().message(sent.id()).orElseThrow().outgoing(), "ana's messages are hers again");
        assertTrue(ana.messenger().isMuted(team), "the group she muted is muted again");
        assertFalse(ana.messenger().isMuted(chat));
        assertEquals(draft, ana.messenger().conversation(chat).orElseThrow().draft(), "what she was writing to ben is there");
        assertEquals(new History.TakenBack(0, 0), ana.messaging.history.takeBack(file, ana.id()), "taken again, nothing is there twice");
        assertEquals(before, everything(ana));
        Await.until(() -> ana.messenger().search("Thursday", 10).stream().anyMatch(found -> found.id().equals(sent.id())),
                () -> "the history that came back is not searchable");

        network.connect(ana, ben);
        Message after = ben.messenger().send(team, "the group goes on");
        Await.until(() -> ana.messenger().message(after.id()).isPresent(), () -> "ana's group, back from the history, takes no more");
        assertEquals(List.of(), ana.dropped);
    }

    @Test
    void aDamagedHistoryIsNamedAndWhatCameBeforeTheDamageStays() throws Exception {
        for (int i = 1; i <= 3; i++) {
            ana.messenger().send(chat, "note " + i);
        }
        Path file = home.resolve(History.FILE);
        ana.messaging.writeConversations(home);
        byte[] whole = Files.readAllBytes(file);
        ana = lost(ana);

        Path truncated = Files.write(home.resolve("truncated"), Arrays.copyOf(whole, whole.length - 20));
        IOException early = assertThrows(IOException.class, () -> ana.messaging.history.takeBack(truncated, ana.id()));
        assertEquals("The history " + truncated + " is damaged: it ends early", early.getMessage());
        Path foreign = Files.writeString(home.resolve("foreign"), "a shopping list", StandardCharsets.UTF_8);
        IOException notOne = assertThrows(IOException.class, () -> ana.messaging.history.takeBack(foreign, ana.id()));
        assertTrue(notOne.getMessage().endsWith("is damaged: it is not a Peerdesk history, or one of a later version"), notOne.getMessage());
        byte[] overlong = whole.clone();
        int title = TwoPeers.indexOf(overlong, chat.value().getBytes(StandardCharsets.UTF_8)) + chat.value().length();
        Arrays.fill(overlong, title, title + 4, (byte) 0x7f); // the conversation's kind claims two gigabytes
        Path huge = Files.write(home.resolve("huge"), overlong);
        IOException tooLong = assertThrows(IOException.class, () -> ana.messaging.history.takeBack(huge, ana.id()));
        assertTrue(tooLong.getMessage().contains("a text of"), tooLong.getMessage());

        assertEquals(new History.TakenBack(3, 1), ana.messaging.history.takeBack(file, ana.id()), "the whole file brings the rest");
        assertEquals(List.of("note 1", "note 2", "note 3"), ana.messenger().latest(chat, 10).stream().map(Message::body).toList());
        assertFalse(ana.messenger().conversations().isEmpty());
    }

    @Test
    void aHistoryWrittenBeforeMutesAndDraftsWereKeptIsStillTakenBack() throws Exception {
        Path file = home.resolve("version-1");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write("peerdesk-history 1\n".getBytes(StandardCharsets.US_ASCII));
            out.writeByte(1);
            for (String text : List.of(chat.value(), "DIRECT", "", ana.id().toHex())) {
                writeString(out, text);
            }
            out.writeInt(2);
            writeString(out, ana.id().toHex());
            writeString(out, ben.id().toHex());
            out.writeByte(0); // no messages
            out.writeByte(0); // no more conversations
        }
        ana = lost(ana);
        assertEquals(new History.TakenBack(0, 1), ana.messaging.history.takeBack(file, ana.id()));
        Conversation back = ana.messenger().conversation(chat).orElseThrow();
        assertEquals(java.util.Set.of(ana.id(), ben.id()), java.util.Set.copyOf(back.members()));
        assertFalse(back.muted());
        assertEquals(Draft.NONE, back.draft());
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static long membersClock(TestPeer peer, ConversationId group) throws Exception {
        return peer.storage.transact(connection -> MessageRows.header(connection, group).orElseThrow().membersClock());
    }

    /** Every conversation and message of {@code peer}, by what the history keeps of them. */
    private static List<List<Object>> everything(TestPeer peer) throws Exception {
        List<List<Object>> all = new ArrayList<>();
        for (Conversation conversation : peer.messenger().conversations()) {
            all.add(List.of(conversation.id(), conversation.kind(), conversation.title(), conversation.creator(), conversation.members()));
            for (Message message : peer.messenger().latest(conversation.id(), 100)) {
                all.add(List.of(message.id(), message.kind(), message.author(), message.clock(), message.body(), message.attachments(),
                        message.outgoing(), message.content(), message.revision(), message.replyTo().map(Quote::messageId),
                        message.reactions(), message.mentions(), message.forwarded(), message.pinned()));
            }
        }
        return all;
    }
}
