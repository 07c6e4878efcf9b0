package org.peerdesk.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Gathers what waits for the user from every {@link AttentionSource}, and tells whoever follows it when
 * that changes. Events only say that something happened, in bursts (a transfer's progress, a flood of
 * messages): each burst leads to one gathering, {@code settle} after its first event; and since some of
 * what waits changes without an event (a peer's answer that never came), the board also looks every
 * {@code every}.
 */
public final class AttentionBoard implements NeedsYou, AutoCloseable {

    /** The built-in areas, in the order the user should see them; plugins' areas follow, by name. */
    static final List<String> AREAS = List.of("access", "files", "backup", "messages", "node");
    private static final Logger LOG = System.getLogger(AttentionBoard.class.getName());

    private final Supplier<? extends Collection<AttentionSource>> sources;
    private final Consumer<List<Attention>> changed;
    private final Duration settle;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-attention"));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private List<Attention> last = List.of();

    public AttentionBoard(Supplier<? extends Collection<AttentionSource>> sources, Consumer<List<Attention>> changed, Duration settle,
            Duration every) {
        this.sources = sources;
        this.changed = changed;
        this.settle = settle;
        timer.scheduleWithFixedDelay(this::gatherQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Something happened that may change what waits: gathers again once the burst it belongs to settles. */
    public void somethingHappened() {
        if (scheduled.compareAndSet(false, true)) {
            timer.schedule(() -> {
                scheduled.set(false);
                gatherQuietly();
            }, settle.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * By area, and within one by the source's class, so that the list keeps its order from start to start.
     * Serialized, so that a slow gathering never overtakes a newer one and is announced after it.
     */
    @Override
    public synchronized List<Attention> now() {
        List<AttentionSource> ordered = new ArrayList<>(sources.get());
        ordered.sort(Comparator.comparingInt((AttentionSource source) -> rank(source.area())).thenComparing(AttentionSource::area)
                .thenComparing(source -> source.getClass().getName()));
        List<Attention> waiting = new ArrayList<>();
        for (AttentionSource source : ordered) {
            waiting.addAll(ask(source));
        }
        List<Attention> gathered = List.copyOf(waiting);
        if (!gathered.equals(last)) {
            last = gathered;
            changed.accept(gathered);
        }
        return gathered;
    }

    private static int rank(String area) {
        int rank = AREAS.indexOf(area);
        return rank < 0 ? AREAS.size() : rank;
    }

    /** A source that fails says so in the list: the user should know that it may be incomplete. */
    private static List<Attention> ask(AttentionSource source) {
        try {
            return source.attention();
        } catch (PeerdeskException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not find out what waits in " + source.area(), e);
            return List.of(new Attention(source.area(), "could not find out what waits in " + source.area() + ": " + e.getMessage(), "", ""));
        }
    }

    private void gatherQuietly() {
        try {
            now();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not gather what waits for the user", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
