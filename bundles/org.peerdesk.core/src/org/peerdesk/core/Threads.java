package org.peerdesk.core;

import java.util.concurrent.ThreadFactory;

/** Threads for Peerdesk's own pools: named for thread dumps, and daemons, so none keeps a stopped node alive. */
public final class Threads {

    private Threads() {
    }

    public static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
