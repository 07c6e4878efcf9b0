package org.peerdesk.files.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.peerdesk.files.Transfer;

/** What a transfer service reports, kept for a test to wait on. */
final class TransferEvents implements TransferService.Listener {

    private final BlockingQueue<Transfer> changes = new LinkedBlockingQueue<>();

    @Override
    public void changed(Transfer transfer) {
        changes.add(transfer);
    }

    @Override
    public void removed(Transfer transfer) {
        // tests that remove transfers look at the list
    }

    /** The next end of a run of transfer {@code id}, as the service reports it. */
    Transfer ended(long id) throws InterruptedException {
        for (Transfer change; (change = changes.poll(30, TimeUnit.SECONDS)) != null;) {
            if (change.id() == id && change.state() != Transfer.State.RUNNING && change.state() != Transfer.State.QUEUED) {
                return change;
            }
        }
        throw new AssertionError("transfer " + id + " did not end");
    }
}
