package org.peerdesk.examples.scratchpad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.storage.StorageException;

/**
 * The plugin as it runs in a node: the node's services start on a data directory, Declarative
 * Services wires the plugin's store to the node's storage and its command to the store, and what
 * it saves survives a restart.
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
            test.run(service(context, ScratchpadStore.class));
        }
    }

    /** The service of {@code type} that Declarative Services made of the plugin's component. */
    private static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(10_000);
            assertTrue(service != null, "the plugin's " + type.getSimpleName() + " is wired to the node's services");
            return service;
        } finally {
            tracker.close();
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
    void theCommandPrintsTheSavedTextAndTakesNoArguments() throws Exception {
        inNode(store -> {
            NodeCommand command = service(FrameworkUtil.getBundle(ScratchpadStoreTest.class).getBundleContext(), NodeCommand.class);
            assertEquals("scratchpad", command.word());
            assertEquals("The scratchpad is empty.", command.run(List.of()).text());
            store.save("Call Ana\nabout the holders");
            assertEquals(new NodeCommand.Answer("Call Ana\nabout the holders", Map.of("text", "Call Ana\nabout the holders")),
                    command.run(List.of()));
            assertThrows(InvalidInputException.class, () -> command.run(List.of("more")));
        });
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
