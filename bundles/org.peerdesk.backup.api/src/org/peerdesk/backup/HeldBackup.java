package org.peerdesk.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.peerdesk.core.PeerId;

/**
 * What this node holds for another peer's backup: encrypted blobs it cannot read, their size (and the size of what the
 * owner deleted, which stays for {@link BackupService#keepDeleted} in case a recovery needs it, out of its quota up to the
 * quota's size), the
 * quota the peer's grant gives, once the grant is gone, when the data will be removed, the peers
 * that proved lately they have the owner's recovery phrase but may not store here, and the peers whose
 * backups the owner took over lately, with their phrase, that may still store here.
 */
public record HeldBackup(PeerId owner, String name, long bytes, int blobs, long keptDeleted, OptionalLong quota, Optional<Instant> removal,
        List<Claimant> claimants, List<Replaced> replaced) {

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

    /**
     * A peer whose backups held here the owner took over, proving it has their recovery phrase, and that may still store
     * here: most likely the machine the owner replaces, lost or not.
     */
    public record Replaced(PeerId peer, String name, Instant when) {

        /** What the owner named {@code owner} did, and what to do if this peer's machine is lost, in a sentence. */
        public String summary(String owner) {
            return owner + " took over the backups " + name + " stored here, with its recovery phrase: if " + name
                    + "'s machine is lost, forget it so that it keeps no access here";
        }
    }

    public HeldBackup {
        claimants = List.copyOf(claimants);
        replaced = List.copyOf(replaced);
    }
}
