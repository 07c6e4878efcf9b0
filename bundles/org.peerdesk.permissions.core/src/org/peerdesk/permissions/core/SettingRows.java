package org.peerdesk.permissions.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Named settings of the permissions area. */
final class SettingRows {

    static final String INVITES_GRANT_MESSAGES = "invites.grant.message";

    private SettingRows() {
    }

    static Optional<String> get(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT setting FROM permission_settings WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    static void put(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO permission_settings (name, setting) KEY (name) VALUES (?, ?)")) {
            merge.setString(1, name);
            merge.setString(2, value);
            merge.executeUpdate();
        }
    }
}
