package org.peerdesk.backup;

import java.util.List;

/** Files added, removed and changed (content, mode or time) from one snapshot to another. */
public record SnapshotDiff(List<String> added, List<String> removed, List<String> changed) {

    public SnapshotDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }
}
