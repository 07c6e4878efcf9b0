package org.peerdesk.files.core;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Transfer;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/** Transfers in the database, so that they resume after a restart and stay listed once done. */
final class TransferRows {

    private static final int KEPT = 500;
    private final Storage storage;

    TransferRows(Storage storage) {
        this.storage = storage;
    }

    /** Stores a new transfer, forgetting finished ones beyond the newest {@value #KEPT}. */
    Transfer insert(Transfer transfer) throws FilesException {
        long id = run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO transfers (direction, peer_id, remote,"
                    + " local_path, state, bytes_done, bytes_total, files_done, files_total, problem, created)"
                    + " VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, NULL, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, transfer.direction().name());
                insert.setString(2, transfer.peer().toHex());
                insert.setString(3, transfer.remote());
                insert.setString(4, transfer.local().toString());
                insert.setString(5, transfer.state().name());
                insert.setTimestamp(6, Timestamp.from(transfer.created()));
                insert.executeUpdate();
                long created;
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    created = keys.getLong(1);
                }
                try (PreparedStatement prune = connection.prepareStatement("DELETE FROM transfers WHERE id <= ? - ?"
                        + " AND state IN ('DONE', 'CANCELLED')")) {
                    prune.setLong(1, created);
                    prune.setInt(2, KEPT);
                    prune.executeUpdate();
                }
                return created;
            }
        });
        return new Transfer(id, transfer.direction(), transfer.peer(), transfer.remote(), transfer.local(), transfer.state(),
                transfer.progress(), transfer.problem(), transfer.created());
    }

    void update(Transfer transfer) throws FilesException {
        run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE transfers SET state = ?, bytes_done = ?,"
                    + " bytes_total = ?, files_done = ?, files_total = ?, problem = ? WHERE id = ?")) {
                update.setString(1, transfer.state().name());
                update.setLong(2, transfer.progress().bytesDone());
                update.setLong(3, transfer.progress().bytesTotal());
                update.setInt(4, transfer.progress().filesDone());
                update.setInt(5, transfer.progress().filesTotal());
                update.setString(6, transfer.problem().orElse(null));
                update.setLong(7, transfer.id());
                update.executeUpdate();
            }
            return null;
        });
    }

    void delete(List<Long> ids) throws FilesException {
        run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM transfers WHERE id = ?")) {
                for (long id : ids) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    /** The transfers, newest first. */
    List<Transfer> all() throws FilesException {
        return run(connection -> {
            List<Transfer> transfers = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, direction, peer_id, remote, local_path, state,"
                    + " bytes_done, bytes_total, files_done, files_total, problem, created FROM transfers ORDER BY id DESC");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    transfers.add(new Transfer(rows.getLong(1), Transfer.Direction.valueOf(rows.getString(2)),
                            new PeerId(HexFormat.of().parseHex(rows.getString(3))), rows.getString(4), Path.of(rows.getString(5)),
                            Transfer.State.valueOf(rows.getString(6)),
                            new Transfer.Progress(rows.getLong(7), rows.getLong(8), rows.getInt(9), rows.getInt(10), 0),
                            Optional.ofNullable(rows.getString(11)), rows.getTimestamp(12).toInstant()));
                }
            }
            return transfers;
        });
    }

    private <T> T run(SqlWork<T> work) throws FilesException {
        try {
            return storage.transact(work);
        } catch (StorageException e) {
            throw new FilesException("Transfers cannot reach the database: " + e.getMessage(), e);
        }
    }
}
