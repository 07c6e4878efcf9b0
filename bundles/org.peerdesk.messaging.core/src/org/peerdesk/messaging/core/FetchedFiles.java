package org.peerdesk.messaging.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.peerdesk.files.Transfer;
import org.peerdesk.messaging.Message;

/** Which messages from others had their files fetched here, and where those files are now. */
final class FetchedFiles {

    private FetchedFiles() {
    }

    /**
     * For each of {@code messages} from someone else whose every file a finished download among {@code transfers}
     * brought, and that is still where it was put: those files, by message ID.
     */
    static Map<String, List<Path>> of(List<Message> messages, List<Transfer> transfers) {
        Map<String, Path> done = new HashMap<>();
        for (Transfer transfer : transfers) {
            if (transfer.direction() == Transfer.Direction.DOWNLOAD && transfer.state() == Transfer.State.DONE) {
                done.put(transfer.peer() + "/" + transfer.remote(), transfer.brought());
            }
        }
        Map<String, List<Path>> fetched = new HashMap<>();
        for (Message message : messages) {
            if (message.outgoing() || message.attachments().isEmpty()) {
                continue;
            }
            List<Path> files = message.attachments().stream().map(file -> done.get(message.author() + "/" + file.path()))
                    .filter(Objects::nonNull).filter(Files::exists).toList();
            if (files.size() == message.attachments().size()) {
                fetched.put(message.id(), files);
            }
        }
        return fetched;
    }
}
