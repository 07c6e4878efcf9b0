package org.peerdesk.permissions.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.peerdesk.core.PeerId;

/**
 * Slows down password guessing. Each failure of a peer on a resource doubles the wait before its
 * next try (1 s, 2 s, 4 s, ...); after {@code maxFailures} the peer is locked out of that resource
 * for {@code lockout}. Failures on one resource from all peers together lock the resource for
 * everyone after {@code maxFailures * 4}, so many identities cannot share the guessing. The counts are
 * handed to a keeper as they change and taken back at the start, so that a restart (which a guesser
 * might cause) serves no lock-out short and forgets no failure.
 */
final class AttemptLimiter {

    /** How long until the next try is taken, and whether that is a lock-out rather than a short pause. */
    record Wait(Duration left, boolean lockedOut) {
    }

    /** A lock-out running: of one peer, or (peer empty) of everyone, from {@code resource} until {@code until}. */
    record LockOut(Optional<PeerId> peer, String resource, Instant until) {
    }

    /**
     * One count as kept: of one peer, or (peer empty) of everyone, on a resource; {@code next} is when
     * the next try is taken ({@link Instant#MIN} when at once). Zero failures: the count is forgotten.
     */
    record Count(Optional<PeerId> peer, String resource, int failures, Instant next) {
    }

    private record Failures(int count, Instant next) {
    }

    private record Key(PeerId peer, String resource) {
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final Map<Key, Failures> byPeer = new ConcurrentHashMap<>();
    private final Map<String, Failures> byResource = new ConcurrentHashMap<>();
    private final Consumer<List<Count>> keeper;

    /** A limiter that keeps nothing past its own life. */
    AttemptLimiter(Clock clock, int maxFailures, Duration lockout) {
        this(clock, maxFailures, lockout, List.of(), changed -> {
        });
    }

    /** A limiter that starts from {@code kept} and hands {@code keeper} every count that changes. */
    AttemptLimiter(Clock clock, int maxFailures, Duration lockout, List<Count> kept, Consumer<List<Count>> keeper) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.keeper = keeper;
        List<Count> served = new ArrayList<>();
        Instant now = clock.instant();
        for (Count count : kept) {
            Failures failures = new Failures(count.failures(), count.next());
            int max = count.peer().isPresent() ? maxFailures : maxFailures * 4;
            if (countSince(failures, max, now) == 0) {
                served.add(new Count(count.peer(), count.resource(), 0, Instant.MIN));
            } else if (count.peer().isPresent()) {
                byPeer.put(new Key(count.peer().get(), count.resource()), failures);
            } else {
                byResource.put(count.resource(), failures);
            }
        }
        if (!served.isEmpty()) {
            keeper.accept(served);
        }
    }

    /** How long {@code peer} must wait before trying {@code resource} again; empty when it may try now. */
    Optional<Wait> waitBefore(PeerId peer, String resource) {
        Instant now = clock.instant();
        Failures mine = byPeer.get(new Key(peer, resource));
        Failures everyone = byResource.get(resource);
        Instant next = later(mine, everyone);
        if (!next.isAfter(now)) {
            return Optional.empty();
        }
        boolean lockedOut = (mine != null && mine.count() >= maxFailures) || (everyone != null && everyone.next().isAfter(now));
        return Optional.of(new Wait(Duration.between(now, next), lockedOut));
    }

    /** Records a failure; returns true when it locked the peer (or the resource) out. */
    synchronized boolean failed(PeerId peer, String resource) {
        Instant now = clock.instant();
        Failures mine = byPeer.merge(new Key(peer, resource), after(0, maxFailures, now),
                (old, unused) -> after(countSince(old, maxFailures, now), maxFailures, now));
        int everyoneMax = maxFailures * 4;
        Failures everyone = byResource.merge(resource, new Failures(1, Instant.MIN), (old, unused) -> {
            int count = countSince(old, everyoneMax, now) + 1;
            return new Failures(count, count >= everyoneMax ? now.plus(lockout) : Instant.MIN);
        });
        keeper.accept(List.of(new Count(Optional.of(peer), resource, mine.count(), mine.next()),
                new Count(Optional.empty(), resource, everyone.count(), everyone.next())));
        return mine.count() >= maxFailures || everyone.count() >= everyoneMax;
    }

    /** The lock-outs running now. */
    List<LockOut> lockOuts() {
        Instant now = clock.instant();
        List<LockOut> running = new ArrayList<>();
        byPeer.forEach((key, failures) -> {
            if (failures.count() >= maxFailures && failures.next().isAfter(now)) {
                running.add(new LockOut(Optional.of(key.peer()), key.resource(), failures.next()));
            }
        });
        byResource.forEach((resource, failures) -> {
            if (failures.next().isAfter(now)) {
                running.add(new LockOut(Optional.empty(), resource, failures.next()));
            }
        });
        return running;
    }

    synchronized void succeeded(PeerId peer, String resource) {
        if (byPeer.remove(new Key(peer, resource)) != null) {
            keeper.accept(List.of(new Count(Optional.of(peer), resource, 0, Instant.MIN)));
        }
    }

    /** Failures so far, starting over once a lock-out has been served. */
    private static int countSince(Failures old, int max, Instant now) {
        return old.count() >= max && !old.next().isAfter(now) ? 0 : old.count();
    }

    /** The state after one more failure on top of {@code previous}: a doubling wait, or the lock-out. */
    private Failures after(int previous, int max, Instant now) {
        int count = previous + 1;
        return new Failures(count, count >= max ? now.plus(lockout) : now.plusSeconds(1L << (count - 1)));
    }

    private static Instant later(Failures a, Failures b) {
        Instant first = a == null ? Instant.MIN : a.next();
        Instant second = b == null ? Instant.MIN : b.next();
        return first.isAfter(second) ? first : second;
    }
}
