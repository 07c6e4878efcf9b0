package org.peerdesk.app;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.ui.Work;

/** Asks before the desktop quits while a transfer or backup it started still runs (see {@link Work}). */
public final class QuitCheck {

    private static final int NAMED = 5;

    private QuitCheck() {
    }

    /** Whether to quit: at once when nothing runs, else as the user answers. */
    public static boolean confirmed(Shell shell) {
        Job[] running = Job.getJobManager().find(Work.FAMILY);
        if (running.length == 0) {
            return true;
        }
        String names = Stream.of(running).limit(NAMED).map(Job::getName).collect(Collectors.joining("\n"))
                + (running.length > NAMED ? "\nand " + (running.length - NAMED) + " more" : "");
        return new MessageDialog(shell, "Quit Peerdesk?", null, "Still running:\n" + names + "\n\nQuitting stops them here;"
                + " transfers and backups go on from where they stopped when Peerdesk starts again.", MessageDialog.QUESTION, 0,
                "Quit", "Keep running").open() == 0;
    }
}
