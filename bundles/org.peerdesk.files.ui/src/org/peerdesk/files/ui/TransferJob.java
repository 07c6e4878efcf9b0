package org.peerdesk.files.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.ui.Work;

/**
 * Follows a transfer the node runs as an Eclipse Job, so the workbench shows it with the rest of the
 * long work: progress, speed and time left in the monitor; cancelling the job cancels the transfer
 * (a retry in the Transfers view resumes it). The job ends when the transfer does.
 */
final class TransferJob extends Job {

    private static final int UNITS = 1000;
    private static final long POLL_MILLIS = 250;
    private static final String PLUGIN = "org.peerdesk.files.ui";

    private final Transfers transfers;
    private final long id;
    private volatile Transfer last;

    TransferJob(Transfers transfers, Transfer transfer) {
        super((transfer.direction() == Transfer.Direction.UPLOAD ? "Uploading " + transfer.local().getFileName() + " to "
                : "Downloading " + transfer.remote() + " from ") + transfer.peer().shortForm());
        this.transfers = transfers;
        this.id = transfer.id();
        this.last = transfer;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == Work.FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), UNITS);
        int reported = 0;
        try {
            while (true) {
                Transfer transfer = current();
                last = transfer;
                int units = (int) Math.round(transfer.progress().fraction() * UNITS);
                monitor.worked(units - reported);
                reported = units;
                monitor.subTask(TransfersPart.progress(transfer));
                switch (transfer.state()) {
                    case DONE:
                        return Status.OK_STATUS;
                    case CANCELLED:
                        return Status.CANCEL_STATUS;
                    case FAILED:
                        return new Status(IStatus.WARNING, PLUGIN, transfer.problem().orElse("The transfer failed."));
                    default:
                        break;
                }
                if (monitor.isCanceled()) {
                    transfers.cancel(id);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (FilesException e) {
            return new Status(IStatus.WARNING, PLUGIN, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } finally {
            monitor.done();
        }
    }

    /** The transfer as this job last saw it: as it ended, once the job is done. */
    Transfer transfer() {
        return last;
    }

    private Transfer current() throws FilesException {
        return transfers.transfer(id).orElseThrow(() -> new FilesException("Transfer " + id + " is no longer listed."));
    }
}
