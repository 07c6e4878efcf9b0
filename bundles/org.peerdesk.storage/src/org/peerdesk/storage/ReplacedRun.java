package org.peerdesk.storage;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The run of Peerdesk that this one restarts: a desktop that starts itself again (after a take-over, or to start over)
 * starts the new run before it has quit, so the new run waits for it to end, and to let go of the data directory, before
 * taking the directory itself. The launcher names it in the framework property {@value #PROPERTY}.
 */
public final class ReplacedRun {

    /** The framework property that holds the process ID of the run this one replaces. */
    public static final String PROPERTY = "peerdesk.restartOf";
    private static final Logger LOG = System.getLogger(ReplacedRun.class.getName());

    private ReplacedRun() {
    }

    /**
     * Waits until the process {@code pid} (the property's value; nothing when absent or not a number) has ended, at most
     * {@code within}; after that, the data directory says for itself whether it is still in use.
     */
    public static void awaitEnd(String pid, Duration within) throws InterruptedException {
        Optional<ProcessHandle> replaced = pid == null || !pid.strip().matches("[0-9]{1,18}") ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(pid.strip()));
        if (replaced.isEmpty()) {
            return;
        }
        LOG.log(Level.INFO, "Waiting for the run this one restarts (process {0}) to end", pid.strip());
        try {
            replaced.get().onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "Process {0}, which this run restarts, still runs after {1} s", pid.strip(), within.toSeconds());
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process to end cannot fail", e);
        }
    }
}
