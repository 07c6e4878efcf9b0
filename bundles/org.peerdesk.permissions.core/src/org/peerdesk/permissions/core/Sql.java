package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/** The few conversions every permissions table needs, and one way to run work on the database. */
final class Sql {

    private Sql() {
    }

    static <T> T run(Storage storage, SqlWork<T> work) throws PermissionException {
        try {
            return storage.transact(work);
        } catch (StorageException e) {
            throw new PermissionException("Permissions are not available: " + e.getMessage(), e);
        }
    }

    static PeerId peer(String hex) {
        return new PeerId(HexFormat.of().parseHex(hex));
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            statement.setTimestamp(index, Timestamp.from(value.get()));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return Optional.ofNullable(value).map(Timestamp::toInstant);
    }

    static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.getAsLong());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    static OptionalLong optionalLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Sets a statement's parameters. */
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Makes one record of the row a result set is on. */
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The rows {@code sql} selects, each read by {@code reader}. */
    static <T> List<T> list(Connection connection, String sql, Binder binder, RowReader<T> reader) throws SQLException {
        List<T> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(reader.read(rows));
                }
            }
        }
        return found;
    }
}
