package org.peerdesk.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.Counts;
import org.peerdesk.core.Sentences;

/** Files added, removed and changed (content, mode or time) from one snapshot to another. */
public record SnapshotDiff(List<String> added, List<String> removed, List<String> changed) {

    public SnapshotDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /**
     * In a sentence: "3 files added, 1 removed: added photos/a.jpg, photos/b.jpg and 1 more; removed photos/c.jpg", naming
     * at most {@code named} files of each kind; "no file changed" where none did.
     */
    public String summary(int named) {
        List<String> counts = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        for (Map.Entry<String, List<String>> kind : List.of(Map.entry("added", added), Map.entry("removed", removed),
                Map.entry("changed", changed))) {
            if (kind.getValue().isEmpty()) {
                continue;
            }
            counts.add((counts.isEmpty() ? Counts.of(kind.getValue().size(), "file") + " " : kind.getValue().size() + " ") + kind.getKey());
            List<String> shown = new ArrayList<>(kind.getValue().subList(0, Math.min(named, kind.getValue().size())));
            if (kind.getValue().size() > named) {
                shown.add((kind.getValue().size() - named) + " more");
            }
            lists.add(kind.getKey() + " " + Sentences.listed(shown));
        }
        return counts.isEmpty() ? "no file changed" : String.join(", ", counts) + ": " + String.join("; ", lists);
    }
}
