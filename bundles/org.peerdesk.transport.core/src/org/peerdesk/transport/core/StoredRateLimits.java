package org.peerdesk.transport.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.TransportTopics;

/** The node's rate limits, in its database (area {@code rate_limits}): one row, none until the user sets one. */
@Component(service = RateLimitSettings.class)
public final class StoredRateLimits implements RateLimitSettings {

    static final AreaSchema SCHEMA = AreaSchema.of("rate_limits",
            Migration.sql(1, "the node's rate limits",
                    "CREATE TABLE IF NOT EXISTS rate_limits (id INT PRIMARY KEY CHECK (id = 1), "
                            + "upload_bytes_per_second BIGINT NOT NULL, download_bytes_per_second BIGINT NOT NULL)"),
            Migration.sql(2, "the hours in which the limits hold (minutes of the day; none: at all hours)",
                    "ALTER TABLE rate_limits ADD COLUMN from_minute INT",
                    "ALTER TABLE rate_limits ADD COLUMN until_minute INT"));

    private final Storage storage;
    private final Consumer<RateLimits> changes;

    @Activate
    public StoredRateLimits(@Reference Storage storage, @Reference EventAdmin events) throws StorageException {
        this(storage, limits -> events.postEvent(new Event(TransportTopics.RATE_LIMITS_CHANGED, Map.of(Topics.DATA, limits))));
    }

    StoredRateLimits(Storage storage, Consumer<RateLimits> changes) throws StorageException {
        this.storage = storage;
        this.changes = changes;
        storage.migrate(SCHEMA);
    }

    @Override
    public RateLimits limits() throws TransportException {
        return query(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery(
                    "SELECT upload_bytes_per_second, download_bytes_per_second, from_minute, until_minute FROM rate_limits")) {
                if (!row.next()) {
                    return RateLimits.NONE;
                }
                int from = row.getInt(3);
                Optional<LimitHours> hours = row.wasNull() ? Optional.empty()
                        : Optional.of(new LimitHours(minute(from), minute(row.getInt(4))));
                return new RateLimits(row.getLong(1), row.getLong(2), hours);
            }
        });
    }

    @Override
    public void setLimits(RateLimits limits) throws TransportException {
        query(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO rate_limits (id, upload_bytes_per_second, download_bytes_per_second, from_minute, until_minute)"
                            + " KEY (id) VALUES (1, ?, ?, ?, ?)")) {
                merge.setLong(1, limits.uploadBytesPerSecond());
                merge.setLong(2, limits.downloadBytesPerSecond());
                merge.setObject(3, limits.hours().map(hours -> minutes(hours.from())).orElse(null), Types.INTEGER);
                merge.setObject(4, limits.hours().map(hours -> minutes(hours.until())).orElse(null), Types.INTEGER);
                return merge.executeUpdate();
            }
        });
        changes.accept(limits);
    }

    private static int minutes(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    private static LocalTime minute(int ofDay) {
        return LocalTime.of(ofDay / 60, ofDay % 60);
    }

    private <T> T query(SqlWork<T> work) throws TransportException {
        return TransportTables.transact(storage, "The rate limits are not available", work);
    }
}
