package org.peerdesk.backup;

import java.util.List;

/** The snapshots a prune removed, and the chunks no snapshot needed any more, deleted from the holders. */
public record PruneResult(List<String> removedSnapshots, int removedChunks, long freedBytes) {

    public PruneResult {
        removedSnapshots = List.copyOf(removedSnapshots);
    }
}
