package org.peerdesk.files.core;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.Counts;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.transport.PeerDirectory;

/** Files changed on both sides of a sync, shares or syncs that a problem stops, and transfers that failed. */
@Component(service = AttentionSource.class)
public final class FilesAttention implements AttentionSource {

    private static final String SHARES_VIEW = "org.peerdesk.files.ui.part.shares";
    private static final String SYNC_VIEW = "org.peerdesk.files.ui.part.sync";
    private static final String TRANSFERS_VIEW = "org.peerdesk.files.ui.part.transfers";

    private final ShareService shares;
    private final SyncService sync;
    private final Transfers transfers;
    private final PeerDirectory directory;

    @Activate
    public FilesAttention(@Reference ShareService shares, @Reference SyncService sync, @Reference Transfers transfers,
            @Reference PeerDirectory directory) {
        this.shares = shares;
        this.sync = sync;
        this.transfers = transfers;
        this.directory = directory;
    }

    @Override
    public String area() {
        return "files";
    }

    @Override
    public List<Attention> attention() throws FilesException {
        List<Attention> waiting = new ArrayList<>();
        int conflicts = sync.conflicts().size();
        if (conflicts > 0) {
            waiting.add(new Attention(area(), Counts.of(conflicts, "file was", "files were") + " changed on both sides: choose what to keep",
                    "peerdesk conflicts", SYNC_VIEW));
        }
        for (Share share : shares.shares()) {
            share.index().problem().ifPresent(problem -> waiting.add(new Attention(area(), "share " + share.name() + ": " + problem,
                    "peerdesk share list", SHARES_VIEW)));
        }
        for (SyncPair pair : sync.pairs()) {
            if (pair.state() == SyncPair.State.WAITING || pair.state() == SyncPair.State.PAUSED) {
                continue; // for the peer to come back, or paused by the user: nothing to do about it now
            }
            pair.problem().ifPresent(problem -> waiting.add(new Attention(area(),
                    "sync of " + pair.share() + " with " + directory.nameOf(pair.peer()) + ": " + problem, "peerdesk sync list", SYNC_VIEW)));
        }
        for (Transfer transfer : transfers.transfers()) {
            if (transfer.state() == Transfer.State.FAILED) {
                waiting.add(new Attention(area(), failed(transfer), "peerdesk retry " + transfer.id(), TRANSFERS_VIEW, true)); // a notice of its own
            }
        }
        return waiting;
    }

    /**
     * "download of docs/big.bin from Ben failed: the disk is full...", the peer named once when its own words
     * follow: retried, or removed from the list, it is settled.
     */
    private String failed(Transfer transfer) {
        boolean download = transfer.direction() == Transfer.Direction.DOWNLOAD;
        String what = download ? transfer.remote() : transfer.local().getFileName().toString();
        String peer = directory.nameOf(transfer.peer());
        String problem = transfer.problem().orElse("");
        String route = problem.startsWith(peer + " says: ") ? "" : (download ? " from " : " to ") + peer;
        return transfer.direction().word() + " of " + what + route + " failed" + (problem.isEmpty() ? "" : ": " + problem);
    }
}
