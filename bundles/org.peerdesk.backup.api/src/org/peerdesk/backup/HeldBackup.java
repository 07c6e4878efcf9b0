package org.peerdesk.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.peerdesk.core.PeerId;

/**
 * What this node holds for another peer's backup: encrypted blobs it cannot read, their size, the
 * quota the peer's grant gives, once the grant is gone, when the data will be removed, and the peers
 * that proved lately they have the owner's recovery phrase but may not store here.
 */
public record HeldBackup(PeerId owner, String name, long bytes, int blobs, OptionalLong quota, Optional<Instant> removal,
        List<Claimant> claimants) {

    /**
     * A peer that proved it has the recovery phrase of the owner's backups held here, and has no grant to store: most
     * likely the owner on a new machine after a recovery, or else someone the phrase was given to.
     */
    public record Claimant(PeerId peer, String name, Instant when) {

        /** What the claimant proved, for the owner of the backups named {@code owner}, in a sentence. */
        public String summary(String owner) {
            return name + " proved it has the recovery phrase of the backups held here for " + owner + ": it may be " + owner
                    + " on a new machine; if so, approve its request for store-backup";
        }
    }

    public HeldBackup {
        claimants = List.copyOf(claimants);
    }
}
