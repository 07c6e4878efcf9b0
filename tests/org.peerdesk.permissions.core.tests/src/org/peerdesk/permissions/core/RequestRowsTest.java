package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequest.Direction;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** Access requests in a database made before owners chose the quota they approve with. */
class RequestRowsTest {

    private static final PeerId BEN = new PeerId(new byte[PeerId.LENGTH]);

    @TempDir
    Path home;

    @Test
    void aRequestApprovedBeforeOwnersChoseTheQuotaKeepsTheOneAskedFor() throws Exception {
        H2Storage storage = new H2Storage(DataDirectory.open(home));
        try {
            storage.migrate(new AreaSchema("permissions", PermissionsSchema.SCHEMA.migrations().subList(0, 1)));
            GrantTerms asked = new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(), OptionalLong.of(5L << 30));
            storage.transact(connection -> {
                long approved = RequestRows.insert(connection, "a", Direction.INCOMING, BEN, asked, "", Instant.now()).id();
                RequestRows.insert(connection, "b", Direction.INCOMING, BEN, asked, "", Instant.now());
                try (PreparedStatement decide = connection.prepareStatement(
                        "UPDATE access_requests SET state = 'APPROVED', decided = CURRENT_TIMESTAMP, granted_rights = 'store-backup' WHERE id = ?")) {
                    decide.setLong(1, approved);
                    return decide.executeUpdate();
                }
            });

            storage.migrate(PermissionsSchema.SCHEMA);

            List<AccessRequest> requests = storage.transact(RequestRows::all); // newest first
            assertEquals(Optional.empty(), requests.get(0).granted(), "still waiting");
            assertEquals(OptionalLong.of(5L << 30), requests.get(1).granted().orElseThrow().quotaBytes());
        } finally {
            storage.close();
        }
    }
}
