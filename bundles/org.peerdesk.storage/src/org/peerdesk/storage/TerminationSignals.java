package org.peerdesk.storage;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import sun.misc.Signal;

/**
 * Takes SIGTERM and SIGINT (Ctrl+C) over from the JVM, so that a node stops in order (services,
 * then database, then framework) with its log still open, instead of the JVM's shutdown hooks
 * racing each other. Where the JVM does not allow it, its default handling stays.
 */
public final class TerminationSignals {

    private static final Logger LOG = System.getLogger(TerminationSignals.class.getName());

    private TerminationSignals() {
    }

    /** Runs {@code stop} (on a signal thread; it must not block for long) when either signal comes. */
    public static void onTerminate(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.log(Level.INFO, "Received SIG{0}; stopping", name);
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Cannot handle SIG{0}: {1}", name, e.getMessage());
            }
        }
    }
}
