package org.peerdesk.app.handlers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.ui.Restarting;

import jakarta.inject.Named;

/**
 * Makes this machine a new node when Peerdesk starts again, setting this node aside whole (File, Start Over as a New
 * Node...): for a copy of another machine's node, or a machine another took the place of. Once asked, it offers to restart,
 * or to keep this node after all.
 */
public final class StartOverHandler {

    private static final String TITLE = "Start over as a new node";
    private static final String KEEP = "Keep this node";

    @Execute
    void startOver(@Named("activeShell") Shell shell, @Service DataDirectory data, @Service NodeIdentity identity, IWorkbench workbench,
            IEventBroker events) {
        try {
            Optional<Path> asked = data.startingOver();
            if (asked.isPresent()) {
                if (Restarting.offer(shell, workbench::close, TITLE, "This machine becomes a new node when Peerdesk starts again: "
                        + shown(identity) + " then moves, whole, into " + inDataDirectory(asked.get()) + ".", KEEP) == 0) {
                    data.keepThisNode();
                    events.post(Topics.NODE_STARTING_OVER, "");
                }
            } else if (confirmed(shell, identity)) {
                Path keeper = data.startOverAtNextStart();
                events.post(Topics.NODE_STARTING_OVER, keeper.toString());
                Restarting.offer(shell, workbench::close, TITLE, "This machine becomes a new node when Peerdesk starts again: "
                        + shown(identity) + " then moves, whole, into " + inDataDirectory(keeper) + ", from which it runs again.");
            }
        } catch (IOException e) {
            MessageDialog.openError(shell, TITLE, "Cannot start over: " + e.getMessage());
        }
    }

    private static boolean confirmed(Shell shell, NodeIdentity identity) {
        MessageDialog ask = new MessageDialog(shell, TITLE, null, "Make this machine a new node, with a peer ID of its own? Do so"
                + " on a copy of another machine's node (a cloned virtual machine, a computer set up from another's disk), or on a"
                + " machine whose node another took the place of.\n\nWhen Peerdesk starts again, " + shown(identity) + " moves,"
                + " whole, into a folder of the data directory: its identity, peers, grants, conversations and backups' records."
                + " Nothing is deleted, and it runs again from that folder. Your folders and files stay where they are, and so do"
                + " the plugins installed. The new node connects to your peers with invites.", MessageDialog.QUESTION, 1, "Start over",
                "Cancel");
        return ask.open() == 0;
    }

    private static String inDataDirectory(Path keeper) {
        return "the folder " + keeper.getFileName() + " of the data directory";
    }

    private static String shown(NodeIdentity identity) {
        return identity.displayName() + " (" + identity.peerId().shortForm() + ")";
    }
}
