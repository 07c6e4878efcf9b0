package org.peerdesk.examples.scratchpad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.storage.StorageException;

/**
 * The plugin as it runs in a node: the node's services start on a data directory, Declarative
 * Services wires the plugin's store to the node's storage, and what it saves survives a restart.
 */
class ScratchpadStoreTest {

    @TempDir
    Path home;

    private interface WithStore {
        void run(ScratchpadStore store) throws Exception;
    }

    private void inNode(WithStore test) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ScratchpadStoreTest.class).getBundleContext();
        try (NodeStartup node = NodeStartup.start(context, home.resolve("node"), Duration.ofSeconds(30))) {
            ServiceTracker<ScratchpadStore, ScratchpadStore> tracker = new ServiceTracker<>(context, ScratchpadStore.class, null);
            tracker.open();
            try {
                ScratchpadStore store = tracker.waitForService(10_000);
                assertTrue(store != null, "the plugin's store is wired to the node's storage");
                test.run(store);
            } finally {
                tracker.close();
            }
        }
    }

    @Test
    void savedTextSurvivesARestartOfTheNode() throws Exception {
        inNode(store -> {
            assertEquals("", store.load());
            store.save("Call Ana about the backup holders");
        });
        inNode(store -> assertEquals("Call Ana about the backup holders", store.load()));
    }

    @Test
    void tooLongATextIsRefusedAndTheSavedOneKept() throws Exception {
        inNode(store -> {
            store.save("kept");
            StorageException refused = assertThrows(StorageException.class,
                    () -> store.save("x".repeat(ScratchpadStore.MAX_LENGTH + 1)));
            assertTrue(refused.getMessage().contains("up to"), refused.getMessage());
            assertEquals("kept", store.load());
        });
    }
}
