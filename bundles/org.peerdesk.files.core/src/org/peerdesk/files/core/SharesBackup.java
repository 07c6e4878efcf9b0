package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.storage.DataDirectory;

/**
 * Offers the node's shares to backups ({@value #NAME}; see {@link KeptShares}), so that a node that takes a lost one's
 * place shares the same folders under the same names again, where they are back on this machine, and syncs them with
 * the same peers: the grants it gave on them count again. Its own folder for attachments is the node's, not kept.
 */
@Component(service = BackupSource.class)
public final class SharesBackup implements BackupSource {

    static final String NAME = "shares";

    private final ShareService shares;
    private final SyncService sync;
    private final Path data;

    @Activate
    public SharesBackup(@Reference ShareService shares, @Reference SyncService sync, @Reference DataDirectory data) {
        this.shares = shares;
        this.sync = sync;
        this.data = data.path();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "your shares: their names, folders and sync partners";
    }

    @Override
    public void write(Path into) throws IOException, FilesException {
        List<SyncPair> pairs = sync.pairs();
        List<KeptShares.Kept> kept = new ArrayList<>();
        for (Share share : shares.shares()) {
            if (!share.folder().startsWith(data)) {
                kept.add(new KeptShares.Kept(share.name(), share.folder(), pairs.stream().filter(pair -> pair.share().equals(share.name()))
                        .map(pair -> new KeptShares.Partner(pair.peer(), pair.folders())).toList()));
            }
        }
        new KeptShares(kept).write(into);
    }

    /**
     * Shares again each folder kept that is on this machine and not shared here under its name, with its sync partners;
     * says which came back, and which did not, and why.
     */
    @Override
    public Optional<String> takeBack(Path from, PeerId node) throws FilesException {
        List<String> back = new ArrayList<>();
        List<String> notBack = new ArrayList<>();
        for (KeptShares.Kept kept : KeptShares.read(from).shares()) {
            if (shares.share(kept.name()).isPresent()) {
                continue;
            }
            if (!Files.isDirectory(kept.folder())) {
                notBack.add(kept.name() + " (" + kept.folder() + " is not on this machine: restore it there, then take over again)");
                continue;
            }
            try {
                shares.add(kept.name(), kept.folder());
                for (KeptShares.Partner partner : kept.partners()) {
                    sync.sync(kept.name(), partner.peer(), partner.folders());
                }
                back.add(kept.name());
            } catch (FilesException e) {
                notBack.add(kept.name() + " (" + e.getMessage() + ")");
            }
        }
        if (back.isEmpty() && notBack.isEmpty()) {
            return Optional.empty();
        }
        String said = back.isEmpty() ? "" : Counts.of(back.size(), "share") + ": " + String.join(", ", back);
        return Optional.of(said + (notBack.isEmpty() ? "" : (said.isEmpty() ? "" : "; ") + "not " + String.join(", ", notBack)));
    }
}
