package org.peerdesk.messaging.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.FileNames;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.Message;

/**
 * The conversations as text, one file each, as a person reads a chat: each message on a line with its time and author,
 * its further lines indented under it, and the files that came with it. What backups keep of the messaging area (the
 * source {@value #SOURCE}), so that a lost machine does not take the history along. Read a page at a time, oldest first.
 */
final class Transcripts {

    static final String SOURCE = "conversations";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String INDENT = " ".repeat("yyyy-MM-dd HH:mm  ".length());

    private final Mailroom room;
    private final ZoneId zone;

    Transcripts(Mailroom room, ZoneId zone) {
        this.room = room;
        this.zone = zone;
    }

    /**
     * What writes a file for each conversation into {@code folder} as {@link AllMessages} reads them: "Ben (direct,
     * 1a2b3c4d).txt", "Team (group, 5e6f7a8b).txt".
     */
    AllMessages.Reader into(Path folder) {
        return writing(conversation -> folder.resolve(fileName(conversation)));
    }

    /** What writes the one conversation {@link AllMessages} reads into {@code file}. */
    AllMessages.Reader to(Path file) {
        return writing(conversation -> file);
    }

    private AllMessages.Reader writing(Function<Conversation, Path> fileOf) {
        return new AllMessages.Reader() {
            private BufferedWriter out;

            @Override
            public void begin(Conversation conversation, Disappearing.Periods settings) throws IOException {
                out = Files.newBufferedWriter(fileOf.apply(conversation), StandardCharsets.UTF_8);
                out.write(heading(conversation));
            }

            @Override
            public void message(Message message) throws IOException {
                out.write(lines(message));
            }

            @Override
            public void end(Conversation conversation) throws IOException {
                out.close();
            }
        };
    }

    String fileName(Conversation conversation) {
        return FileNames.of(title(conversation)) + " (" + conversation.kind().word() + ", " + conversation.id().value().substring(0, 8) + ").txt";
    }

    private String title(Conversation conversation) {
        return conversation.kind() == Conversation.Kind.GROUP ? conversation.title()
                : conversation.others(room.self.id()).stream().map(room.names).collect(Collectors.joining(", "));
    }

    private String heading(Conversation conversation) {
        String members = conversation.members().stream().map(member -> member.equals(room.self.id()) ? "you"
                : room.names.apply(member) + " (" + member + ")").collect(Collectors.joining(", ")); // the ID finds them again
        return (conversation.kind() == Conversation.Kind.GROUP ? "Group \"" + conversation.title() + "\"" : "Conversation with "
                + title(conversation)) + "\nMembers: " + members + "\nTimes: " + zone.getId() + "\n\n";
    }

    private String lines(Message message) {
        String when = WHEN.format(message.sent().atZone(zone)) + "  ";
        if (message.kind() != Message.Kind.TEXT) { // a note names who did it itself
            return when + indented(message.body()) + "\n";
        }
        StringBuilder lines = new StringBuilder(when).append(nameOf(message.author())).append(": ");
        if (message.revision() == Message.Revision.DELETED) {
            return lines.append("(deleted this message)\n").toString();
        }
        lines.append(indented(message.body()));
        if (message.revision() == Message.Revision.EDITED) {
            lines.append(" (edited)");
        }
        lines.append('\n');
        message.forwarded().ifPresent(forwarded -> lines.append(INDENT).append("forwarded from ").append(forwarded.name()).append('\n'));
        for (Attachment file : message.attachments()) {
            lines.append(INDENT).append("file: ").append(file.name()).append(" (").append(ByteSizes.format(file.size())).append(")\n");
        }
        return lines.toString();
    }

    private static String indented(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\n" + INDENT);
    }

    private String nameOf(PeerId peer) {
        return peer.equals(room.self.id()) ? "you" : room.names.apply(peer);
    }
}
