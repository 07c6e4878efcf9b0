package org.peerdesk.examples.notes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * The notes this node has, in tables of the plugin's own: each note's description, and every edit of it in the order
 * this node took them (which keeps each after what it refers to, so that reading them back in that order rebuilds the
 * text). An edit is stored before it is passed on or shown. A note the user left is kept as its ID and owner only, until
 * the owner takes the user off it.
 */
final class NoteStore {

    static final AreaSchema SCHEMA = AreaSchema.of("notes",
            Migration.sql(1, "shared notes and every edit of them",
                    "CREATE TABLE IF NOT EXISTS notes (id CHAR(32) PRIMARY KEY, title VARCHAR(" + 4 * Note.MAX_TITLE_CHARS + ") NOT NULL, "
                            + "owner CHAR(64) NOT NULL, members VARCHAR(" + Note.MAX_MEMBERS * (2 * PeerId.LENGTH + 1) + ") NOT NULL, "
                            + "names VARCHAR(" + Note.MAX_MEMBERS * (2 * PeerId.LENGTH + 2 + 4 * Note.MAX_NAME_CHARS) + ") NOT NULL, "
                            + "clock BIGINT NOT NULL, owner_key VARBINARY(" + SignedNote.MAX_KEY_BYTES + ") NOT NULL, "
                            + "signature VARBINARY(" + SignedNote.MAX_SIGNATURE_BYTES + ") NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS note_edits (position BIGINT AUTO_INCREMENT PRIMARY KEY, note_id CHAR(32) NOT NULL, "
                            + "author CHAR(64) NOT NULL, seq BIGINT NOT NULL, body VARBINARY(" + NotesWire.MAX_FRAME + ") NOT NULL, "
                            + "UNIQUE (note_id, author, seq))",
                    "CREATE INDEX IF NOT EXISTS note_edits_in_order ON note_edits (note_id, position)"),
            Migration.sql(2, "notes the user left, until their owners take the user off them",
                    "CREATE TABLE IF NOT EXISTS notes_left (id CHAR(32) PRIMARY KEY, owner CHAR(64) NOT NULL)"));

    private static final String COLUMNS = "id, title, owner, members, names, clock, owner_key, signature";

    private final Storage storage;

    NoteStore(Storage storage) throws StorageException {
        this.storage = storage;
        storage.migrate(SCHEMA);
    }

    List<SignedNote> notes() throws StorageException {
        return storage.transact(connection -> {
            List<SignedNote> notes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM notes ORDER BY title, id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    notes.add(note(rows));
                }
            }
            return notes;
        });
    }

    Optional<SignedNote> note(String id) throws StorageException {
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM notes WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(note(rows)) : Optional.empty();
                }
            }
        });
    }

    void save(SignedNote signed) throws StorageException {
        Note note = signed.note();
        storage.transact(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO notes (" + COLUMNS + ") KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                merge.setString(1, note.id());
                merge.setString(2, note.title());
                merge.setString(3, note.owner().toHex());
                merge.setString(4, String.join(",", note.members().stream().map(PeerId::toHex).toList()));
                StringBuilder names = new StringBuilder();
                note.names().forEach((peer, name) -> names.append(peer.toHex()).append('\t').append(name).append('\n'));
                merge.setString(5, names.toString());
                merge.setLong(6, note.clock());
                merge.setBytes(7, signed.ownerKey());
                merge.setBytes(8, signed.signature());
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets a note and its edits. */
    void delete(String id) throws StorageException {
        storage.transact(connection -> {
            for (String table : List.of("note_edits WHERE note_id", "notes WHERE id")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " = ?")) {
                    delete.setString(1, id);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Forgets a note the user leaves, and keeps that it did, and whose it was, until the owner has taken the user off. */
    void leave(Note note) throws StorageException {
        delete(note.id());
        storage.transact(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO notes_left (id, owner) KEY (id) VALUES (?, ?)")) {
                merge.setString(1, note.id());
                merge.setString(2, note.owner().toHex());
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** The notes the user left whose owners have not yet taken the user off them: their IDs, with their owners. */
    Map<String, PeerId> left() throws StorageException {
        return storage.transact(connection -> {
            Map<String, PeerId> left = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, owner FROM notes_left ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    left.put(rows.getString(1), PeerId.fromHex(rows.getString(2)));
                }
            }
            return left;
        });
    }

    /** The owner took the user off a note it left. */
    void takenOff(String noteId) throws StorageException {
        storage.transact(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM notes_left WHERE id = ?")) {
                delete.setString(1, noteId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    void add(String noteId, Edit edit) throws StorageException {
        storage.transact(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO note_edits (note_id, author, seq, body) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, noteId);
                insert.setString(2, edit.author().toHex());
                insert.setLong(3, edit.seq());
                insert.setBytes(4, NotesWire.encode(edit));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** A note's edits in the order this node took them. */
    List<Edit> edits(String noteId) throws StorageException {
        return storage.transact(connection -> edits(connection, noteId));
    }

    private static List<Edit> edits(Connection connection, String noteId) throws SQLException {
        List<Edit> edits = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT body FROM note_edits WHERE note_id = ? ORDER BY position")) {
            select.setString(1, noteId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    try {
                        edits.add(NotesWire.decode(rows.getBytes(1)));
                    } catch (InvalidInputException e) {
                        throw new SQLException("note " + noteId + " holds an edit that cannot be read: " + e.getMessage(), e);
                    }
                }
            }
        }
        return edits;
    }

    private static SignedNote note(ResultSet row) throws SQLException {
        List<PeerId> members = Arrays.stream(row.getString("members").split(",")).filter(hex -> !hex.isEmpty()).map(PeerId::fromHex).toList();
        Map<PeerId, String> names = new LinkedHashMap<>();
        for (String line : row.getString("names").split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                names.put(PeerId.fromHex(line.substring(0, tab)), line.substring(tab + 1));
            }
        }
        return new SignedNote(new Note(row.getString("id"), row.getString("title"), PeerId.fromHex(row.getString("owner")), members,
                names, row.getLong("clock")), row.getBytes("owner_key"), row.getBytes("signature"));
    }
}
