package org.peerdesk.files.ui;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.files.event.TransferChanged;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.DesktopNotices;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Tells the user that a download or upload ended, done or failed, while Peerdesk's window does not
 * have the focus ({@link DesktopNotices}): a long transfer is what one leaves the window for.
 */
public final class TransferNotifier {

    @Inject
    IEventBroker events;

    @Inject
    UISynchronize ui;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private final EventHandler handler = this::changed;
    private final DesktopNotices notices = new DesktopNotices();
    /** The transfers told of: each ends once, though its last state may be posted again. */
    private final Set<Long> told = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        events.subscribe(FileTopics.TRANSFER_CHANGED, handler);
    }

    @PreDestroy
    void stop() {
        events.unsubscribe(handler);
        notices.dispose();
    }

    private void changed(Event event) {
        if (!(event.getProperty(Topics.DATA) instanceof TransferChanged changed) || directory == null) {
            return;
        }
        Transfer transfer = changed.transfer();
        boolean ended = transfer.state() == Transfer.State.DONE || transfer.state() == Transfer.State.FAILED;
        if (!ended || !told.add(transfer.id())) {
            return;
        }
        String name = TransfersPart.name(transfer);
        String peer = directory.nameOf(transfer.peer());
        boolean download = transfer.direction() == Transfer.Direction.DOWNLOAD;
        String title = transfer.state() == Transfer.State.DONE ? (download ? "Downloaded " : "Uploaded ") + name
                : (download ? "Download of " : "Upload of ") + name + " failed";
        String text = transfer.state() == Transfer.State.DONE ? (download ? "From " + peer + ", into " + transfer.local() : "To " + peer)
                : transfer.problem().orElse("It stopped; Retry in the Transfers view goes on from where it stopped.");
        ui.asyncExec(() -> notices.tell(title, text));
    }
}
