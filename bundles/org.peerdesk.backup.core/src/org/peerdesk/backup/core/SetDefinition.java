package org.peerdesk.backup.core;

import java.util.HexFormat;
import java.util.List;

import org.peerdesk.core.PeerId;

/**
 * A backup set as it is stored and carried in snapshot records: folders as absolute paths, the sources it takes by name,
 * holders as peer IDs.
 */
record SetDefinition(String name, List<String> folders, List<String> sources, List<String> holders, int copies, long everySeconds) {

    SetDefinition {
        folders = List.copyOf(folders);
        sources = List.copyOf(sources);
        holders = List.copyOf(holders);
    }

    List<PeerId> holderIds() {
        return holders.stream().map(SetDefinition::peerOf).toList();
    }

    /** A peer ID as this area stores it: 64 hex digits it wrote itself. */
    static PeerId peerOf(String hex) {
        return new PeerId(HexFormat.of().parseHex(hex));
    }
}
