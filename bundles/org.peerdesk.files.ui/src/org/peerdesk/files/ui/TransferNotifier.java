package org.peerdesk.files.ui;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.e4.core.di.extensions.Service;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.files.event.TransferChanged;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.EventNotifier;

import jakarta.inject.Inject;

/**
 * Tells the user that a download or upload ended, done or failed, while Peerdesk's window does not
 * have the focus ({@link DesktopNotices}): a long transfer is what one leaves the window for.
 */
public final class TransferNotifier extends EventNotifier<TransferChanged> {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PeerDirectory directory;

    /** The transfers told of: each ends once, though its last state may be posted again. */
    private final Set<Long> told = ConcurrentHashMap.newKeySet();

    public TransferNotifier() {
        super(FileTopics.TRANSFER_CHANGED, TransferChanged.class);
    }

    @Override
    protected Optional<Notice> noticeOf(TransferChanged changed) {
        Transfer transfer = changed.transfer();
        boolean done = transfer.state() == Transfer.State.DONE;
        if (directory == null || !done && transfer.state() != Transfer.State.FAILED || !told.add(transfer.id())) {
            return Optional.empty();
        }
        String name = TransfersPart.name(transfer);
        String peer = directory.nameOf(transfer.peer());
        boolean download = transfer.direction() == Transfer.Direction.DOWNLOAD;
        String title = done ? (download ? "Downloaded " : "Uploaded ") + name : (download ? "Download of " : "Upload of ") + name + " failed";
        String text = done ? (download ? "From " + peer + ", into " + transfer.local() : "To " + peer)
                : transfer.problem().orElse("It stopped; Retry in the Transfers view goes on from where it stopped.");
        return Optional.of(new Notice(title, text));
    }
}
