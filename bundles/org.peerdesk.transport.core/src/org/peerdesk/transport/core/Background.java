package org.peerdesk.transport.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.TransportException;

/** Work handed to one of the node's own threads: why it failed goes to whoever logs it; nothing is queued once the node stops. */
final class Background {

    interface Task {
        void run() throws TransportException, StorageException, InterruptedException;
    }

    private Background() {
    }

    static void run(ExecutorService executor, Task task, Consumer<String> failed) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (TransportException | StorageException e) {
                    failed.accept(e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            // stopped: the node is shutting down, and what was to be done waits for its next start
        }
    }
}
