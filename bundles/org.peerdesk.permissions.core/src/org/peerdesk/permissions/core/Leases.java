package org.peerdesk.permissions.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.spi.StreamLease;

/**
 * The open streams whose access can be withdrawn, by peer. After any change of access the changed
 * peer's leases are checked again, and every one whose condition no longer holds runs its
 * withdrawal (the transport resets the stream) before the change returns.
 */
final class Leases {

    private final Map<PeerId, Set<Held>> held = new ConcurrentHashMap<>();

    /** A lease for a stream of {@code peer} that stays valid while {@code stillAllowed} says so. */
    StreamLease open(PeerId peer, BooleanSupplier stillAllowed) {
        return new Held(peer, stillAllowed);
    }

    void recheck(PeerId peer) {
        for (Held lease : List.copyOf(held.getOrDefault(peer, Set.of()))) {
            lease.recheck();
        }
    }

    void recheckAll() {
        held.keySet().forEach(this::recheck);
    }

    int open() {
        return held.values().stream().mapToInt(Set::size).sum();
    }

    private final class Held implements StreamLease {
        private final PeerId peer;
        private final BooleanSupplier stillAllowed;
        private Runnable withdraw;
        private boolean withdrawn;

        Held(PeerId peer, BooleanSupplier stillAllowed) {
            this.peer = peer;
            this.stillAllowed = stillAllowed;
        }

        @Override
        public void attach(Runnable action) {
            synchronized (this) {
                withdraw = action;
            }
            held.computeIfAbsent(peer, unused -> ConcurrentHashMap.newKeySet()).add(this);
            recheck();
        }

        @Override
        public void release() {
            held.computeIfPresent(peer, (key, leases) -> {
                leases.remove(this);
                return leases.isEmpty() ? null : leases;
            });
        }

        void recheck() {
            Runnable action;
            synchronized (this) {
                if (withdrawn || withdraw == null || stillAllowed.getAsBoolean()) {
                    return;
                }
                withdrawn = true;
                action = withdraw;
            }
            release();
            action.run();
        }
    }
}
