package org.peerdesk.messaging.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.peerdesk.files.Transfer;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * Which messages from others had their files fetched here, and where those files are now. Finished downloads of
 * attachments are remembered in the messaging database as they finish, so that a user who clears the transfers list
 * still finds the files in the chat (and forwards them); downloads that finished before that was kept are read from the
 * transfers.
 */
final class FetchedFiles {

    /** The longest path in a peer's share remembered; an attachment's is far shorter ({@code attachments/MESSAGE/NAME}). */
    static final int MAX_REMOTE_CHARS = 1024;
    static final int MAX_LOCAL_CHARS = 4096;
    private static final String ATTACHMENTS = FileShelf.SHARE + "/";
    private static final int PATHS_PER_QUERY = 100;

    private final Storage storage;

    FetchedFiles(Storage storage) {
        this.storage = storage;
    }

    /** Remembers where a finished download of a file from a peer's attachments put it; other transfers it passes over. */
    void remember(Transfer transfer) throws MessagingException {
        if (transfer.direction() != Transfer.Direction.DOWNLOAD || transfer.state() != Transfer.State.DONE
                || !transfer.remote().startsWith(ATTACHMENTS) || transfer.remote().length() > MAX_REMOTE_CHARS) {
            return;
        }
        String local = transfer.brought().toAbsolutePath().toString();
        if (local.length() > MAX_LOCAL_CHARS) {
            return;
        }
        try {
            storage.transact(connection -> keep(connection, transfer.remote(), transfer.peer().toHex(), local));
        } catch (StorageException e) {
            throw new MessagingException("Could not keep where a fetched file went: " + e.getMessage(), e);
        }
    }

    private static int keep(Connection connection, String remote, String peerHex, String local) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO fetched_files (remote, peer_id, local) KEY (remote, peer_id) VALUES (?, ?, ?)")) {
            merge.setString(1, remote);
            merge.setString(2, peerHex);
            merge.setString(3, local);
            return merge.executeUpdate();
        }
    }

    /**
     * For each of {@code messages} from someone else whose every file was fetched here (as remembered, or by a finished
     * download among {@code transfers}), and is still where it was put: those files, by message ID.
     */
    Map<String, List<Path>> of(List<Message> messages, List<Transfer> transfers) throws MessagingException {
        List<Message> others = messages.stream().filter(message -> !message.outgoing() && !message.attachments().isEmpty()).toList();
        if (others.isEmpty()) {
            return Map.of();
        }
        Map<String, Path> done = remembered(others);
        for (Transfer transfer : transfers) {
            if (transfer.direction() == Transfer.Direction.DOWNLOAD && transfer.state() == Transfer.State.DONE) {
                done.merge(key(transfer.peer().toHex(), transfer.remote()), transfer.brought(), (kept, brought) -> Files.exists(kept) ? kept : brought);
            }
        }
        Map<String, List<Path>> fetched = new HashMap<>();
        for (Message message : others) {
            List<Path> files = message.attachments().stream().map(file -> done.get(key(message.author().toHex(), file.path())))
                    .filter(Objects::nonNull).filter(Files::exists).toList();
            if (files.size() == message.attachments().size()) {
                fetched.put(message.id(), files);
            }
        }
        return fetched;
    }

    /** Where the remembered files of these messages are, by {@link #key}. */
    private Map<String, Path> remembered(List<Message> messages) throws MessagingException {
        Set<String> paths = new LinkedHashSet<>();
        messages.forEach(message -> message.attachments().stream().map(Attachment::path).forEach(paths::add));
        List<String> remotes = List.copyOf(paths);
        try {
            return storage.transact(connection -> read(connection, remotes));
        } catch (StorageException e) {
            throw new MessagingException("Could not read where fetched files went: " + e.getMessage(), e);
        }
    }

    private static Map<String, Path> read(Connection connection, List<String> remotes) throws SQLException {
        Map<String, Path> found = new HashMap<>();
        for (int from = 0; from < remotes.size(); from += PATHS_PER_QUERY) {
            List<String> chunk = remotes.subList(from, Math.min(remotes.size(), from + PATHS_PER_QUERY));
            try (PreparedStatement select = connection.prepareStatement("SELECT remote, peer_id, local FROM fetched_files WHERE remote IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(key(rows.getString(2), rows.getString(1)), Path.of(rows.getString(3)));
                    }
                }
            }
        }
        return found;
    }

    private static String key(String peerHex, String remote) {
        return peerHex + "/" + remote;
    }
}
