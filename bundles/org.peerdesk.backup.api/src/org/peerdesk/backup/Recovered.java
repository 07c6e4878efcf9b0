package org.peerdesk.backup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a recovery found: the sets and how many of their snapshots the holders had ({@code broughtBack} of them deleted
 * from the lost machine, which holders kept and brought back), the holders that had them, each with what it answers
 * now when asked whether it stores for this node (they granted storage to the machine that was lost), and the lost node
 * itself where the sets kept it ({@link BackupService#takeOver} takes its place; none where they did not, or it could
 * not be read just then).
 */
public record Recovered(List<String> sets, int snapshots, int broughtBack, List<HolderAnswer> holders, Optional<KeptNode> keptNode) {

    public Recovered {
        sets = List.copyOf(sets);
        holders = List.copyOf(holders);
        Objects.requireNonNull(keptNode, "keptNode");
    }

    /** The holders that do not store for this node yet, which it must ask again to go on backing up. */
    public List<HolderAnswer> notStoring() {
        return holders.stream().filter(holder -> holder.kind() != HolderAnswer.Kind.STORES).toList();
    }

    public Recovered withKeptNode(Optional<KeptNode> node) {
        return new Recovered(sets, snapshots, broughtBack, holders, node);
    }
}
