package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A restore leaves a node's kept key out unless it asks for that node's folder. */
class NodeKeepingTest {

    @Test
    void aNodesIdentityIsRestoredOnlyWhenItsFolderIsAskedFor() {
        String key = "Peerdesk/node/identity/node.key";
        String earlierKey = "Peerdesk/from earlier machines/node/identity/node.key";
        assertEquals(List.of(false, false, false, true, true, true), List.of(NodeKeeping.restoredWith(key, ""),
                NodeKeeping.restoredWith(key, "Peerdesk"), NodeKeeping.restoredWith("Peerdesk/node/identity", "Peerdesk"),
                NodeKeeping.restoredWith(key, "Peerdesk/node"), NodeKeeping.restoredWith(key, "Peerdesk/node/identity"),
                NodeKeeping.restoredWith(key, key)));
        assertEquals(List.of(false, true, false), List.of(NodeKeeping.restoredWith(earlierKey, "Peerdesk/from earlier machines"),
                NodeKeeping.restoredWith(earlierKey, "Peerdesk/from earlier machines/node"),
                NodeKeeping.restoredWith(earlierKey, "Peerdesk/node")));
        assertEquals(List.of(true, true, true), List.of(NodeKeeping.restoredWith("Peerdesk/node/peers.properties", ""),
                NodeKeeping.restoredWith("photos/identity/node.key", ""), NodeKeeping.restoredWith("Peerdesk/nodes/identity/x", "")),
                "only a node's own identity folder is left out");
    }
}
