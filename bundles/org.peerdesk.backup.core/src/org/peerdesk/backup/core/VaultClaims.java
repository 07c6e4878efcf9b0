package org.peerdesk.backup.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.peerdesk.backup.HeldBackup;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;

/**
 * The peers that proved they have the recovery phrase of a vault held here for another owner, and may not store here:
 * after a recovery, the owner's new node asks its holders, which then know what the stranger asking them for storage
 * is. Kept in the database (a holder restarted meanwhile still knows) for {@link #KEPT} after the last proof, at most
 * {@link #MOST} of them.
 */
final class VaultClaims {

    static final Duration KEPT = Duration.ofDays(1);
    static final int MOST = 64;

    private final Storage storage;
    private final HolderStore store;
    private final HolderServer.Gate gate;
    private final Clock clock;
    private final Consumer<PeerId> changed;

    VaultClaims(Storage storage, HolderStore store, HolderServer.Gate gate, Clock clock, Consumer<PeerId> changed) {
        this.storage = storage;
        this.store = store;
        this.gate = gate;
        this.clock = clock;
        this.changed = changed;
    }

    /** {@code peer} proved it has the key of {@code vault}: a claim when the vault is another owner's and the peer may not store. */
    void proved(PeerId peer, String vault) {
        if (gate.mayStore(peer)) {
            return;
        }
        try {
            Optional<PeerId> owner = store.owner(vault);
            if (owner.isEmpty() || owner.get().equals(peer)) {
                return;
            }
            Instant now = clock.instant();
            storage.transact(connection -> keep(connection, peer, owner.get(), now));
            changed.accept(owner.get());
        } catch (StorageException e) {
            warn("Could not keep a claim of a held vault", e);
        }
    }

    private static int keep(Connection connection, PeerId peer, PeerId owner, Instant now) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO vault_claims (peer, owner, proved) KEY (peer, owner) VALUES (?, ?, ?)");
                PreparedStatement stale = connection.prepareStatement("DELETE FROM vault_claims WHERE proved < ?");
                PreparedStatement beyond = connection.prepareStatement("DELETE FROM vault_claims WHERE (peer, owner) NOT IN"
                        + " (SELECT peer, owner FROM vault_claims ORDER BY proved DESC LIMIT " + MOST + ")")) {
            merge.setString(1, peer.toHex());
            merge.setString(2, owner.toHex());
            merge.setTimestamp(3, Timestamp.from(now));
            merge.executeUpdate();
            stale.setTimestamp(1, Timestamp.from(now.minus(KEPT)));
            stale.executeUpdate();
            return beyond.executeUpdate();
        }
    }

    /** The claimants of {@code owner}'s vaults within {@link #KEPT} that still may not store here, the latest first. */
    List<HeldBackup.Claimant> of(PeerId owner, Function<PeerId, String> names) {
        Instant since = clock.instant().minus(KEPT);
        try {
            return storage.transact(connection -> {
                List<HeldBackup.Claimant> claimants = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT peer, proved FROM vault_claims WHERE owner = ? AND proved >= ? ORDER BY proved DESC")) {
                    select.setString(1, owner.toHex());
                    select.setTimestamp(2, Timestamp.from(since));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            PeerId peer = SetDefinition.peerOf(rows.getString(1));
                            if (!gate.mayStore(peer)) {
                                claimants.add(new HeldBackup.Claimant(peer, names.apply(peer), rows.getTimestamp(2).toInstant()));
                            }
                        }
                    }
                }
                return claimants;
            });
        } catch (StorageException e) {
            warn("Could not read the claims of held vaults", e);
            return List.of();
        }
    }

    private static void warn(String what, StorageException e) {
        System.getLogger(VaultClaims.class.getName()).log(System.Logger.Level.WARNING, "{0}: {1}", what, e.getMessage());
    }
}
