package org.peerdesk.backup.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.ui.Work;

/**
 * A backup operation (run, verify, restore) as an Eclipse Job: its progress goes to the job's
 * monitor and to a {@link Watcher} (the part's progress bar), cancelling the job stops the
 * operation at its next safe point, and its outcome is handed to the watcher as a line for people.
 */
final class BackupJob extends Job {

    /** The operation; returns what to tell the user when it is done. */
    interface Operation {
        String run(BackupProgress progress) throws BackupException;
    }

    /** Sees the job's progress and outcome; called on the job's thread. */
    interface Watcher {
        void progressed(String phase, int percent);

        void finished(String outcome, boolean failed);
    }

    private static final int UNITS = 1000;
    private static final String PLUGIN = "org.peerdesk.backup.ui";

    private final Operation operation;
    private final Watcher watcher;

    BackupJob(String name, Operation operation, Watcher watcher) {
        super(name);
        this.operation = operation;
        this.watcher = watcher;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == Work.FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), UNITS);
        int[] reported = {0};
        BackupProgress progress = new BackupProgress() {
            @Override
            public void advanced(String phase, long done, long total) {
                int units = total <= 0 ? 0 : (int) Math.min(UNITS, done * UNITS / total);
                if (units != reported[0]) {
                    monitor.worked(units - reported[0]);
                    monitor.subTask(phase);
                    reported[0] = units;
                    watcher.progressed(phase, units / (UNITS / 100));
                }
            }

            @Override
            public boolean cancelled() {
                return monitor.isCanceled();
            }
        };
        try {
            watcher.finished(operation.run(progress), false);
            return Status.OK_STATUS;
        } catch (BackupException e) {
            watcher.finished(e.getMessage(), true);
            return monitor.isCanceled() ? Status.CANCEL_STATUS : new Status(IStatus.WARNING, PLUGIN, e.getMessage());
        } finally {
            monitor.done();
        }
    }
}
