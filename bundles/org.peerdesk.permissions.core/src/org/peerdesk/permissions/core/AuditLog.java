package org.peerdesk.permissions.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.AuditEntry.Event;
import org.peerdesk.permissions.AuditReport;

/**
 * The append-only, hash-chained audit log. Each entry's hash covers its fields and the previous
 * hash; the head (last sequence number and hash) is kept beside the log, so that a changed entry,
 * a removed one, or a removed tail is found when the chain is checked.
 */
final class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final int MAX_TEXT = 2000;

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** Appends inside the caller's transaction; callers serialize their writing transactions. */
    AuditEntry append(Connection connection, Event event, Optional<PeerId> peer, String resource, String detail)
            throws SQLException {
        long sequence = 1;
        String previous = GENESIS;
        try (ResultSet head = connection.createStatement().executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
            if (head.next()) {
                sequence = head.getLong("seq") + 1;
                previous = head.getString("hash");
            }
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String cleanResource = clip(resource);
        String cleanDetail = clip(detail);
        String hash = hash(previous, sequence, at, event, peer, cleanResource, cleanDetail);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_log (seq, at, event, peer_id, resource, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, sequence);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, event.name());
            insert.setString(4, peer.map(PeerId::toHex).orElse(null));
            insert.setString(5, cleanResource);
            insert.setString(6, cleanDetail);
            insert.setString(7, hash);
            insert.executeUpdate();
        }
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO audit_head (id, seq, hash) KEY (id) VALUES (1, ?, ?)")) {
            merge.setLong(1, sequence);
            merge.setString(2, hash);
            merge.executeUpdate();
        }
        return new AuditEntry(sequence, at, event, peer, cleanResource, cleanDetail, hash);
    }

    /** The newest {@code limit} entries, newest first, with the result of checking the whole chain. */
    AuditReport report(Connection connection, int limit) throws SQLException {
        Optional<String> problem = verify(connection);
        List<AuditEntry> newest = new ArrayList<>();
        long total;
        try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log")) {
            count.next();
            total = count.getLong(1);
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?")) {
            select.setInt(1, Math.max(0, limit));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    newest.add(read(rows));
                }
            }
        }
        return new AuditReport(newest, total, problem.isEmpty(), problem);
    }

    /** Walks the chain from the first entry; says where it breaks, if it does. */
    Optional<String> verify(Connection connection) throws SQLException {
        try {
            return walk(connection);
        } catch (IllegalArgumentException e) {
            return Optional.of("the audit log holds a damaged entry: " + e.getMessage());
        }
    }

    private Optional<String> walk(Connection connection) throws SQLException {
        long expected = 1;
        String previous = GENESIS;
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM audit_log ORDER BY seq")) {
            while (rows.next()) {
                AuditEntry entry = read(rows);
                if (entry.sequence() != expected) {
                    return Optional.of("entry " + expected + " is missing from the audit log");
                }
                String recomputed = hash(previous, entry.sequence(), entry.at(), entry.event(), entry.peer(), entry.resource(),
                        entry.detail());
                if (!recomputed.equals(entry.hash())) {
                    return Optional.of("entry " + expected + " of the audit log was changed");
                }
                previous = entry.hash();
                expected++;
            }
        }
        try (ResultSet head = connection.createStatement().executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
            long last = expected - 1;
            if (head.next() ? head.getLong("seq") != last || !head.getString("hash").equals(previous) : last != 0) {
                return Optional.of("the audit log ends at entry " + last + " but was written up to a later entry;"
                        + " its newest entries were removed");
            }
        }
        return Optional.empty();
    }

    static String hash(String previous, long sequence, Instant at, Event event, Optional<PeerId> peer, String resource,
            String detail) {
        String text = String.join("\n", previous, Long.toString(sequence), at.toString(), event.name(),
                peer.map(PeerId::toHex).orElse("-"), resource, detail);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    private static AuditEntry read(ResultSet row) throws SQLException {
        String peer = row.getString("peer_id");
        Event event;
        try {
            event = Event.valueOf(row.getString("event"));
        } catch (IllegalArgumentException e) {
            event = Event.REFUSED;
        }
        return new AuditEntry(row.getLong("seq"), row.getTimestamp("at").toInstant(), event,
                Optional.ofNullable(peer).map(Sql::peer), row.getString("resource"), row.getString("detail"),
                row.getString("hash"));
    }

    private static String clip(String text) {
        String value = text == null ? "" : text;
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }
}
