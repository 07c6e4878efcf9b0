package org.peerdesk.transport.netty;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.spi.SuccessionRecord;

/**
 * Which machine each identity runs on ({@code MachineSuccession}), as far as this node saw: a peer's identity on a machine
 * older than one it was seen on is refused, and this node learns from its peers when its own identity took another
 * machine as its place. What it sees goes to the {@link SuccessionRecord} (off the network threads), when there is one.
 */
final class Successions {

    private final PeerId self;
    private final int own;
    private final Supplier<Optional<SuccessionRecord>> record;
    private final Executor writes;
    private final Map<PeerId, Integer> seen = new ConcurrentHashMap<>();

    Successions(PeerId self, int own, Supplier<Optional<SuccessionRecord>> record, Executor writes) {
        this.self = self;
        this.own = own;
        this.record = record;
        this.writes = writes;
    }

    /** One that remembers only while it runs. */
    static Successions inMemory(PeerId self, int own) {
        return new Successions(self, own, Optional::empty, Runnable::run);
    }

    int own() {
        return own;
    }

    /**
     * Takes {@code peer}'s identity on machine {@code succession}: the newest machine it was seen on when that is a newer
     * one (the peer is to be refused), empty when this is that machine or a newer one, which is remembered.
     */
    OptionalInt newerThan(PeerId peer, int succession) {
        int newest = newest(peer);
        if (succession < newest) {
            return OptionalInt.of(newest);
        }
        saw(peer, succession);
        return OptionalInt.empty();
    }

    /**
     * A peer saw this node's identity on machine {@code succession}: true, and remembered, when that is a newer machine
     * than this one.
     */
    boolean supersedesThisMachine(int succession) {
        if (succession <= own) {
            return false;
        }
        saw(self, succession);
        return true;
    }

    /**
     * Why this machine connects as its node to no peer: another took its place ({@link #supersedesThisMachine}), as a peer
     * said; empty while none did.
     */
    Optional<String> retired() {
        int newest = newest(self);
        if (newest <= own) {
            return Optional.empty();
        }
        saw(self, newest); // for a record that came up since: a retired machine dials no peer that would tell it again
        return Optional.of("this machine speaks for its node no more: the node's identity runs on machine " + newest
                + " now, one that took its place from a backup");
    }

    /** The record came up: it takes each machine seen before, where newer than it knows. */
    void recordUp() {
        seen.forEach(this::saw);
    }

    private int newest(PeerId peer) {
        int recorded = record.get().map(kept -> kept.newest(peer)).orElse(0);
        return Math.max(recorded, seen.getOrDefault(peer, 0));
    }

    /** Remembers {@code succession} where it is newer than known; the record too, which may have come up since it was seen. */
    private void saw(PeerId peer, int succession) {
        seen.merge(peer, succession, Math::max);
        record.get().filter(kept -> kept.newest(peer) < succession).ifPresent(kept -> writes.execute(() -> kept.saw(peer, succession)));
    }
}
