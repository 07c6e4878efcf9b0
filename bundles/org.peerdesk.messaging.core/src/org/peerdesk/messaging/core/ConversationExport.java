package org.peerdesk.messaging.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.peerdesk.core.IoMessages;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessagingException;

/**
 * One conversation written to a file the user names, as {@link Transcripts} writes them for backups: into a hidden part
 * file beside it, synced, then renamed into place, so the file appears whole or not at all and one it replaces stays until
 * then.
 */
final class ConversationExport {

    private ConversationExport() {
    }

    /** Writes the conversation {@code id} into {@code file}; returns how many messages it holds. */
    static int write(Mailroom room, Transcripts transcripts, ConversationId id, Path file, boolean replace) throws MessagingException {
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new MessagingException("There is no folder " + folder + " to write " + target.getFileName() + " into.");
        }
        if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new MessagingException(target + " exists already; name another file.");
        }
        Path part = folder.resolve("." + target.getFileName() + ".peerdesk-part");
        int[] count = {0};
        try {
            AllMessages.read(room, new AllMessages.Selection(conversation -> conversation.id().equals(id), 0),
                    List.of(transcripts.to(part), message -> count[0]++));
            try (FileChannel written = FileChannel.open(part, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            if (replace) {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(part, target);
            }
            return count[0];
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(part);
            throw new MessagingException(target + " exists already; name another file.", e);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new MessagingException("Cannot write " + target + ": " + IoMessages.of(e), e);
        }
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // the failure the user is told of matters more; a leftover part file is hidden and harmless
        }
    }
}
