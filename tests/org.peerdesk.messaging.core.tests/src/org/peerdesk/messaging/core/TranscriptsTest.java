package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/** The conversations as text, as backups keep them: every message once, in order, as a person reads a chat. */
class TranscriptsTest extends TwoPeers {

    @Test
    void eachConversationIsAFileOfItsMessagesInOrderWithWhatCameWithThem() throws Exception {
        network.connect(ana, ben);
        Path plan = Files.writeString(home.resolve("plan.txt"), "the plan");
        ana.messenger().send(chat, "Here is the plan\nfor Thursday", List.of(plan));
        Await.until(() -> ben.messenger().latest(chat, 10).size() == 1, () -> "ben did not get ana's plan");
        Message typo = ben.messenger().send(chat, "See you tomorow");
        ben.messenger().edit(typo.id(), "See you tomorrow");
        Message regret = ben.messenger().send(chat, "never mind");
        ben.messenger().delete(regret.id());
        ben.messenger().setDisappearing(chat, Duration.ZERO);
        ConversationId team = ana.messenger().createGroup("Team: Thursday/Friday", List.of(ben.id())).id();
        ana.messenger().send(team, "hello team");
        Await.until(() -> ben.messenger().latest(team, 10).size() == 2, () -> "ben did not get the group's messages");

        Path folder = Files.createDirectories(home.resolve("transcripts"));
        ben.messaging.writeConversations(folder);

        Path direct = only(folder, "ana (direct, " + chat.value().substring(0, 8) + ").txt");
        List<String> lines = Files.readAllLines(direct);
        assertEquals(List.of("Conversation with ana", "Members: " + members(chat), "Times: " + ZoneId.systemDefault().getId(), ""), lines.subList(0, 4));
        assertEquals(List.of("ana: Here is the plan", "                  for Thursday", "                  file: plan.txt (8 B)",
                "you: See you tomorrow (edited)", "you: (deleted this message)",
                "You set messages to be kept (they no longer disappear)"), // a note as it reads, with no author before it
                lines.subList(4, lines.size()).stream().map(TranscriptsTest::withoutTime).toList());
        Path group = only(folder, "Team_ Thursday_Friday (group, " + team.value().substring(0, 8) + ").txt");
        String groupText = Files.readString(group);
        assertTrue(groupText.startsWith("Group \"Team: Thursday/Friday\"\n"), groupText);
        assertTrue(groupText.endsWith("ana: hello team\n"), "the member note, then ana's message: " + groupText);
    }

    @Test
    void oneConversationIsExportedWholeToANewFileOrInPlaceOfOneOnlyWhenAskedAndWithoutTheMessagesSetToDisappear() throws Exception {
        network.connect(ana, ben);
        ana.messenger().send(chat, "kept");
        ana.messenger().setDisappearing(chat, Duration.ofDays(1));
        ana.messenger().send(chat, "gone tomorrow");
        ana.messenger().createGroup("Team", List.of(ben.id()));
        assertEquals("ben (direct, " + chat.value().substring(0, 8) + ").txt", ana.messenger().exportName(chat));

        Path file = home.resolve("exported.txt");
        assertEquals(1, ana.messenger().export(chat, file, false));
        List<String> lines = Files.readAllLines(file);
        assertEquals("Conversation with ben", lines.get(0));
        assertEquals(List.of("you: kept"), lines.subList(4, lines.size()).stream().map(TranscriptsTest::withoutTime).toList(),
                "that conversation alone, without what is set to disappear");

        Files.writeString(file, "the user's own notes");
        MessagingException exists = assertThrows(MessagingException.class, () -> ana.messenger().export(chat, file, false));
        assertEquals(file + " exists already; name another file.", exists.getMessage());
        assertEquals("the user's own notes", Files.readString(file), "refused, it is left as it was");
        assertEquals(1, ana.messenger().export(chat, file, true));
        assertEquals("Conversation with ben", Files.readAllLines(file).get(0), "replaced when asked");

        Path nowhere = home.resolve("no such folder/exported.txt");
        MessagingException noFolder = assertThrows(MessagingException.class, () -> ana.messenger().export(chat, nowhere, false));
        assertEquals("There is no folder " + nowhere.getParent() + " to write exported.txt into.", noFolder.getMessage());
        ConversationId unknown = new ConversationId("0".repeat(32));
        assertThrows(MessagingException.class, () -> ana.messenger().export(unknown, home.resolve("other.txt"), false));
        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(), left.filter(path -> path.getFileName().toString().endsWith(".peerdesk-part")).toList(),
                    "no part file is left behind");
        }
    }

    @Test
    void aLongConversationIsReadThroughPageByPage() throws Exception {
        int count = MessageService.MAX_PAGE * 2 + 7;
        for (int i = 0; i < count; i++) {
            ana.messenger().send(chat, "message " + i);
        }
        Path folder = Files.createDirectories(home.resolve("transcripts"));
        ana.messaging.writeConversations(folder);

        List<String> texts = Files.readAllLines(only(folder, "ben (direct, " + chat.value().substring(0, 8) + ").txt")).stream().skip(4)
                .map(TranscriptsTest::withoutTime).toList();
        assertEquals(count, texts.size(), "every message once");
        for (int i = 0; i < count; i++) {
            assertEquals("you: message " + i, texts.get(i));
        }
    }

    private String members(ConversationId conversation) throws Exception {
        return ben.messenger().conversation(conversation).orElseThrow().members().stream()
                .map(member -> member.equals(ben.id()) ? "you" : network.name(member) + " (" + member + ")").reduce((a, b) -> a + ", " + b)
                .orElseThrow();
    }

    /** The line without the time it begins with ("2026-12-07 03:16  "); an indented line as it is. */
    private static String withoutTime(String line) {
        return line.startsWith(" ") ? line : line.substring("yyyy-MM-dd HH:mm  ".length());
    }

    private static Path only(Path folder, String name) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> named = files.filter(file -> file.getFileName().toString().equals(name)).toList();
            assertEquals(1, named.size(), "one file called " + name);
            return named.get(0);
        }
    }
}
