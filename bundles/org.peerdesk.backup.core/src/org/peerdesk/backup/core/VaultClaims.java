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
 * The peers that proved they have the recovery phrase of a vault held here for another owner. One that may not store
 * here is a claimant: after a recovery, the owner's new node asks its holders, which then know what the stranger asking
 * them for storage is (kept for {@link #KEPT}). One that may store takes the vault over, and the owner it replaces is
 * named while that one may still store here, so that the user can end a lost machine's access (kept for
 * {@link #TAKEOVER_KEPT}). In memory, at most {@link #MOST} of each.
 */
final class VaultClaims {

    static final Duration KEPT = Duration.ofDays(1);
    static final Duration TAKEOVER_KEPT = Duration.ofDays(7);
    static final int MOST = 64;

    private record Key(PeerId peer, PeerId owner) {
    }

    private final HolderStore store;
    private final HolderServer.Gate gate;
    private final Clock clock;
    private final Consumer<PeerId> changed;
    /** The latest proof of each claimant of each owner's vault, the least recent first; guarded by itself. */
    private final Map<Key, Instant> proofs = new LinkedHashMap<>();
    /** The latest proof of each peer that took over an owner's vault, the least recent first; guarded by {@link #proofs}. */
    private final Map<Key, Instant> takeovers = new LinkedHashMap<>();

    VaultClaims(HolderStore store, HolderServer.Gate gate, Clock clock, Consumer<PeerId> changed) {
        this.store = store;
        this.gate = gate;
        this.clock = clock;
        this.changed = changed;
    }

    /** {@code peer} proved it has the key of {@code vault}: a claim or a takeover where the vault is another owner's. */
    void proved(PeerId peer, String vault) {
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
        Map<Key, Instant> noted = gate.mayStore(peer) ? takeovers : proofs;
        synchronized (proofs) {
            Key key = new Key(peer, owner.get());
            noted.remove(key);
            noted.put(key, clock.instant());
            while (noted.size() > MOST) {
                noted.remove(noted.keySet().iterator().next());
            }
        }
        changed.accept(owner.get());
    }

    /** The owners whose vaults {@code owner} took over within {@link #TAKEOVER_KEPT} that may still store here, the latest first. */
    List<HeldBackup.Replaced> replacedBy(PeerId owner, Function<PeerId, String> names) {
        Instant since = clock.instant().minus(TAKEOVER_KEPT);
        Map<PeerId, Instant> recent = new LinkedHashMap<>();
        synchronized (proofs) {
            takeovers.values().removeIf(when -> when.isBefore(since));
            takeovers.forEach((key, when) -> {
                if (key.peer().equals(owner)) {
                    recent.put(key.owner(), when);
                }
            });
        }
        return recent.entrySet().stream().filter(entry -> gate.mayStore(entry.getKey()))
                .sorted(Map.Entry.<PeerId, Instant>comparingByValue(Comparator.reverseOrder()))
                .map(entry -> new HeldBackup.Replaced(entry.getKey(), names.apply(entry.getKey()), entry.getValue())).toList();
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
