package org.peerdesk.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Control;

/**
 * Runs a part's database work off the UI thread and hands the result back to its control, if that
 * is still there. Of several refreshes in flight only the latest is shown, so a slow early read
 * never overwrites a newer one.
 */
public final class Background {

    /** Work that may fail with a message for the user. */
    public interface Work<T> {
        T run() throws Exception;
    }

    /**
     * Threads of their own, not the common pool: that has a single thread on a two-core machine, where
     * one slow call (a peer that takes long to answer) would hold up every other view's refresh.
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(Thread.ofPlatform()
            .name("peerdesk-background-", 1).daemon(true).factory());

    private final UISynchronize ui;
    private final Control owner;
    private final AtomicLong latest = new AtomicLong();

    public Background(UISynchronize ui, Control owner) {
        this.ui = ui;
        this.owner = owner;
    }

    /** Runs {@code work}; {@code done} gets its result or the error's message, unless a newer refresh started since. */
    public <T> void refresh(Work<T> work, BiConsumer<T, String> done) {
        long mine = latest.incrementAndGet();
        run(work, (result, error) -> {
            if (latest.get() == mine) {
                done.accept(result, error);
            }
        });
    }

    /** Runs {@code work} (an action of the user's); {@code done} always gets its outcome. */
    public <T> void run(Work<T> work, BiConsumer<T, String> done) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, THREADS).whenComplete((result, error) -> ui.asyncExec(() -> {
            if (!owner.isDisposed()) {
                done.accept(result, error == null ? null : error.getCause().getMessage());
            }
        }));
    }
}
