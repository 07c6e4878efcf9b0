package org.peerdesk.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A node that a backup kept (a set that takes the source {@value BackupService#NODE_SOURCE}), whose place this node can
 * take ({@link BackupService#takeOver}): its peer ID, the name its user gave it (none where never named), whether a
 * passphrase protects its key, the set and the time of the snapshot that kept it, and how many peers it knew and grants
 * it gave.
 */
public record KeptNode(PeerId id, Optional<String> name, boolean passphraseProtected, String set, Instant kept, int peers,
        int grants) {

    public KeptNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(kept, "kept");
    }

    /** The name, or the short form of the ID for a node never named. */
    public String shownName() {
        return name.orElse(id.shortForm());
    }
}
