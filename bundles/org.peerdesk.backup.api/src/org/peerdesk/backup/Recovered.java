package org.peerdesk.backup;

import java.util.List;

/**
 * What a recovery found: the sets and how many of their snapshots the holders had ({@code broughtBack} of them deleted
 * from the lost machine, which holders kept and brought back), and the holders that had them, each with what it answers
 * now when asked whether it stores for this node (they granted storage to the machine that was lost).
 */
public record Recovered(List<String> sets, int snapshots, int broughtBack, List<HolderAnswer> holders) {

    public Recovered {
        sets = List.copyOf(sets);
        holders = List.copyOf(holders);
    }

    /** The holders that do not store for this node yet, which it must ask again to go on backing up. */
    public List<HolderAnswer> notStoring() {
        return holders.stream().filter(holder -> holder.kind() != HolderAnswer.Kind.STORES).toList();
    }
}
