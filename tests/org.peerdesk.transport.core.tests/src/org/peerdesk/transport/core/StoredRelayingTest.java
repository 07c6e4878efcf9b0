package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** Relaying in a real database: on until the user turns it off, and kept so across restarts. */
class StoredRelayingTest {

    @TempDir
    Path home;

    @Test
    void relayingIsOnUntilTurnedOffAndStaysAsSet() throws Exception {
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            StoredRelaying relaying = new StoredRelaying(storage);
            assertTrue(relaying.relaysForPeers());
            relaying.setRelaysForPeers(false);
        }
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            StoredRelaying relaying = new StoredRelaying(storage);
            assertFalse(relaying.relaysForPeers(), "off, across a restart");
            relaying.setRelaysForPeers(true);
            assertTrue(relaying.relaysForPeers());
        }
    }
}
