package org.peerdesk.backup.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.peerdesk.backup.HeldBackup;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.StorageException;

/**
 * The peers that proved they have the recovery phrase of a vault held here for another owner, and may not store here:
 * after a recovery, the owner's new node asks its holders, which then know what the stranger asking them for storage
 * is. Kept in memory for {@link #KEPT} after the last proof, at most {@link #MOST} of them.
 */
final class VaultClaims {

    static final Duration KEPT = Duration.ofDays(1);
    static final int MOST = 64;

    private record Key(PeerId peer, PeerId owner) {
    }

    private final HolderStore store;
    private final HolderServer.Gate gate;
    private final Clock clock;
    private final Consumer<PeerId> changed;
    /** The latest proof of each claimant of each owner's vault, the least recent first; guarded by itself. */
    private final Map<Key, Instant> proofs = new LinkedHashMap<>();

    VaultClaims(HolderStore store, HolderServer.Gate gate, Clock clock, Consumer<PeerId> changed) {
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
        Optional<PeerId> owner;
        try {
            owner = store.owner(vault);
        } catch (StorageException e) {
            System.getLogger(VaultClaims.class.getName()).log(System.Logger.Level.WARNING, "Could not look up a held vault: {0}",
                    e.getMessage());
            return;
        }
        if (owner.isEmpty() || owner.get().equals(peer)) {
            return;
        }
        synchronized (proofs) {
            Key key = new Key(peer, owner.get());
            proofs.remove(key);
            proofs.put(key, clock.instant());
            while (proofs.size() > MOST) {
                proofs.remove(proofs.keySet().iterator().next());
            }
        }
        changed.accept(owner.get());
    }

    /** The claimants of {@code owner}'s vaults within {@link #KEPT} that still may not store here, the latest first. */
    List<HeldBackup.Claimant> of(PeerId owner, Function<PeerId, String> names) {
        Instant since = clock.instant().minus(KEPT);
        Map<PeerId, Instant> recent = new LinkedHashMap<>();
        synchronized (proofs) {
            proofs.values().removeIf(when -> when.isBefore(since));
            proofs.forEach((key, when) -> {
                if (key.owner().equals(owner)) {
                    recent.put(key.peer(), when);
                }
            });
        }
        return recent.entrySet().stream().filter(entry -> !gate.mayStore(entry.getKey()))
                .sorted(Map.Entry.<PeerId, Instant>comparingByValue(Comparator.reverseOrder()))
                .map(entry -> new HeldBackup.Claimant(entry.getKey(), names.apply(entry.getKey()), entry.getValue())).toList();
    }
}
