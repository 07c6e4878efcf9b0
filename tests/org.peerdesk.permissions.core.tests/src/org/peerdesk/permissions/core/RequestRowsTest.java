package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** Access requests in a database made before owners chose the quota they approve with, and before askers' names were kept. */
class RequestRowsTest {

    private static final PeerId BEN = new PeerId(new byte[PeerId.LENGTH]);

    @TempDir
    Path home;

    @Test
    void aRequestApprovedBeforeOwnersChoseTheQuotaKeepsTheOneAskedFor() throws Exception {
        H2Storage storage = new H2Storage(DataDirectory.open(home));
        try {
            storage.migrate(new AreaSchema("permissions", PermissionsSchema.SCHEMA.migrations().subList(0, 1)));
            storage.transact(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_requests (reference, direction, peer_id,"
                        + " resource, rights, quota, note, state, created, delivered, decided, granted_rights)"
                        + " VALUES (?, 'INCOMING', ?, 'backup', 'store-backup', ?, '', ?, CURRENT_TIMESTAMP, FALSE, ?, ?)")) {
                    for (boolean approved : List.of(true, false)) { // as that version wrote them
                        insert.setString(1, approved ? "a" : "b");
                        insert.setString(2, BEN.toHex());
                        insert.setLong(3, 5L << 30);
                        insert.setString(4, approved ? "APPROVED" : "PENDING");
                        insert.setTimestamp(5, approved ? Timestamp.from(Instant.now()) : null);
                        insert.setString(6, approved ? "store-backup" : null);
                        insert.executeUpdate();
                    }
                }
                return null;
            });

            storage.migrate(PermissionsSchema.SCHEMA);

            List<AccessRequest> requests = storage.transact(RequestRows::all); // newest first
            assertEquals(Optional.empty(), requests.get(0).granted(), "still waiting");
            assertEquals(OptionalLong.of(5L << 30), requests.get(1).granted().orElseThrow().quotaBytes());
            assertEquals(List.of(Optional.empty(), Optional.empty()), requests.stream().map(AccessRequest::askerName).toList(),
                    "asked before askers' names were kept");
        } finally {
            storage.close();
        }
    }
}
