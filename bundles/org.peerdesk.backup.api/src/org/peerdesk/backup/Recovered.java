package org.peerdesk.backup;

import java.util.List;

/** What a recovery found: the sets and how many of their snapshots the holders had, and the holders that answered. */
public record Recovered(List<String> sets, int snapshots, int holders) {

    public Recovered {
        sets = List.copyOf(sets);
    }
}
