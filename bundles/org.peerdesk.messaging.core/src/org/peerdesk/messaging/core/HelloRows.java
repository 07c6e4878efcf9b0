package org.peerdesk.messaging.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.core.Envelope.Hello;

/**
 * What each peer last said in its hello (its key for sealed mail, its mailbox), whether it took this
 * node's messages stream when last asked, and this node's own settings.
 */
final class HelloRows {

    private HelloRows() {
    }

    /** Keeps a peer's hello unless a newer one (by its clock) is already stored. */
    static void store(Connection connection, PeerId peer, Hello hello, long clock) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO peer_hellos (peer_id, agreement_key, mailbox, clock) "
                + "KEY (peer_id) SELECT ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS "
                + "(SELECT 1 FROM peer_hellos WHERE peer_id = ? AND clock >= ?)")) {
            merge.setString(1, peer.toHex());
            merge.setBytes(2, hello.agreementKey());
            merge.setString(3, hello.mailbox().map(PeerId::toHex).orElse(null));
            merge.setLong(4, clock);
            merge.setString(5, peer.toHex());
            merge.setLong(6, clock);
            merge.executeUpdate();
        }
    }

    static Optional<Hello> hello(Connection connection, PeerId peer) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT agreement_key, mailbox FROM peer_hellos WHERE peer_id = ?")) {
            select.setString(1, peer.toHex());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Hello(row.getBytes(1), Optional.ofNullable(row.getString(2)).map(MessageRows::peer)));
            }
        }
    }

    /** Whether the peer took this node's messages stream the last time this node opened one. */
    static boolean acceptsUs(Connection connection, PeerId peer) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT accepts_us FROM peer_links WHERE peer_id = ?")) {
            select.setString(1, peer.toHex());
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void setAcceptsUs(Connection connection, PeerId peer, boolean accepts) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO peer_links (peer_id, accepts_us) KEY (peer_id) VALUES (?, ?)")) {
            merge.setString(1, peer.toHex());
            merge.setBoolean(2, accepts);
            merge.executeUpdate();
        }
    }

    /** The peers whose mail {@code mailbox} holds. */
    static List<PeerId> usingMailbox(Connection connection, PeerId mailbox) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT peer_id FROM peer_hellos WHERE mailbox = ?")) {
            select.setString(1, mailbox.toHex());
            List<PeerId> peers = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    peers.add(MessageRows.peer(rows.getString(1)));
                }
            }
            return peers;
        }
    }

    static Optional<byte[]> setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT content FROM own_settings WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        }
    }

    static void setSetting(Connection connection, String name, Optional<byte[]> content) throws SQLException {
        if (content.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM own_settings WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            return;
        }
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO own_settings (name, content) KEY (name) VALUES (?, ?)")) {
            merge.setString(1, name);
            merge.setBytes(2, content.get());
            merge.executeUpdate();
        }
    }
}
