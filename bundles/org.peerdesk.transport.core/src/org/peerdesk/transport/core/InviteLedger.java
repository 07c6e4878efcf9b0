package org.peerdesk.transport.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.peerdesk.core.PeerId;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.Migration;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * The invites this node handed out, by the hash of their secret (the secret itself is never
 * stored). An invite works once, until it expires.
 */
final class InviteLedger {

    enum Outcome {
        ACCEPTED, USED, EXPIRED, UNKNOWN
    }

    static final Duration LIFETIME = Duration.ofDays(7);

    static final AreaSchema SCHEMA = AreaSchema.of("invites",
            Migration.sql(1, "invites handed out",
                    "CREATE TABLE IF NOT EXISTS invites (secret_hash CHAR(64) PRIMARY KEY, "
                            + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, expires_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "used_at TIMESTAMP WITH TIME ZONE, used_by CHAR(64))"));

    private final Storage storage;
    private final Clock clock;

    InviteLedger(Storage storage, Clock clock) throws StorageException {
        this.storage = storage;
        this.clock = clock;
        storage.migrate(SCHEMA);
    }

    /** Records a new invite's secret; returns when it expires. */
    Instant record(byte[] secret) throws StorageException {
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        storage.transact(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO invites (secret_hash, created_at, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, hash(secret));
                insert.setTimestamp(2, Timestamp.from(now));
                insert.setTimestamp(3, Timestamp.from(expires));
                return insert.executeUpdate();
            }
        });
        return expires;
    }

    /** Uses up the invite with this secret for {@code guest}, if it is valid; says what happened. */
    Outcome redeem(byte[] secret, PeerId guest) throws StorageException {
        Instant now = clock.instant();
        return storage.transact(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT expires_at, used_at FROM invites WHERE secret_hash = ? FOR UPDATE")) {
                select.setString(1, hash(secret));
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Outcome.UNKNOWN;
                    }
                    if (rows.getTimestamp("used_at") != null) {
                        return Outcome.USED;
                    }
                    if (rows.getTimestamp("expires_at").toInstant().isBefore(now)) {
                        return Outcome.EXPIRED;
                    }
                }
            }
            try (PreparedStatement use = connection.prepareStatement(
                    "UPDATE invites SET used_at = ?, used_by = ? WHERE secret_hash = ?")) {
                use.setTimestamp(1, Timestamp.from(now));
                use.setString(2, guest.toHex());
                use.setString(3, hash(secret));
                use.executeUpdate();
            }
            return Outcome.ACCEPTED;
        });
    }

    private static String hash(byte[] secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
