package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.backup.KeptNode;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.backup.SnapshotEntry;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.FileTrees;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerdeskException;

/**
 * Finds the node a recovered backup kept, and lets this node take its place (see {@link NodeKeeping}). Each set's latest
 * snapshot is looked at: where the source kept this node itself (it has backed up since the recovery, or it took the
 * place already), what it carried over from the machine before it counts; the newest of what is left is the one.
 */
final class Succession {

    private final Backups backups;
    private final NodeKeeping keeping;
    /** Where the kept node is restored to be read: it holds a key, so it is the owner's only and removed after. */
    private final Path work;

    Succession(Backups backups, NodeKeeping keeping, Path work) {
        this.backups = backups;
        this.keeping = keeping;
        this.work = work;
    }

    /** A kept node, where the snapshot keeps it ({@link NodeKeeping#FOLDERS}), and the folder it was restored into. */
    private record Found(KeptNode node, String place, Path folder) {
    }

    /** What is done with the node found, while the folder it was restored into is there. */
    private interface Work<T> {
        T with(Optional<Found> found) throws BackupException;
    }

    Optional<KeptNode> keptNode() throws BackupException {
        return inWork(found -> found.map(Found::node));
    }

    /** As {@link #keptNode}; none where it cannot be read now (a recovery stands without it, and it can be read again later). */
    Optional<KeptNode> keptNodeIfReadable() {
        try {
            return keptNode();
        } catch (BackupException e) {
            System.getLogger(Succession.class.getName()).log(System.Logger.Level.WARNING, "Could not read which node the backups"
                    + " keep: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    KeptNode takeOver(Optional<char[]> passphrase) throws BackupException {
        try {
            return inWork(found -> {
                Found node = found.orElseThrow(() -> new BackupException("No backup set keeps a node other than this one: to keep"
                        + " one, a set takes '" + BackupService.NODE_SOURCE + "' (peerdesk backup add ... --with "
                        + BackupService.NODE_SOURCE + ")."));
                KeptNode taken = keeping.takePlaceOf(node.folder(), node.node().set(), node.node().kept(), passphrase);
                return taken.withBroughtBack(Stream.concat(taken.broughtBack().stream(), takeBackSources(node).stream()).toList());
            });
        } finally {
            passphrase.ifPresent(given -> Arrays.fill(given, '\0')); // where no node was found to take it
        }
    }

    /**
     * Has each source installed here bring back what it wrote beside the node, in the same snapshot, once the place is
     * taken (a wrong passphrase brings nothing), or what it can without, where the snapshot kept nothing of it; what each
     * says it brought. Where one fails, the take-over says so, and taking over again (which changes nothing taken already)
     * tries again.
     */
    private List<String> takeBackSources(Found node) throws BackupException {
        String beside = besideFolder(node.place());
        List<String> brought = new ArrayList<>();
        for (BackupSource source : backups.sources.all()) {
            String name = source.name();
            Path into = work.resolve("source-" + name);
            boolean kept = node.node().beside().contains(name)
                    && backups.restoreLatestIfThere(node.node().set(), beside + name, into).isPresent();
            try {
                Optional<String> what = kept ? source.takeBack(into.resolve(beside + name), node.node().id())
                        : source.takeBackWithoutData(node.node().id());
                what.ifPresent(said -> brought.add(name + " (" + said + ")"));
            } catch (IOException | PeerdeskException e) {
                throw new BackupException("This node takes the place of " + node.node().shownName() + " when it starts again, with its"
                        + " peers and grants, but its " + name + " did not come back; take over again to try again: "
                        + (e instanceof IOException io ? IoMessages.of(io) : e.getMessage()), e);
            }
        }
        return brought;
    }

    private synchronized <T> T inWork(Work<T> use) throws BackupException {
        try {
            deleteWork();
            Files.createDirectories(work.getParent());
            Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return use.with(newest());
        } catch (IOException e) {
            throw new BackupException("Cannot read the node a backup kept into " + work + ": " + IoMessages.of(e), e);
        } finally {
            try {
                deleteWork();
            } catch (IOException e) {
                System.getLogger(Succession.class.getName()).log(System.Logger.Level.WARNING,
                        "Could not remove {0}, which holds a copy of a node's key: {1}", work, IoMessages.of(e));
            }
        }
    }

    /** The newest node kept other than this one; where a set cannot be read and none other keeps one, why not. */
    private Optional<Found> newest() throws BackupException {
        Found newest = null;
        BackupException problem = null;
        int restored = 0;
        for (BackupSet set : backups.sets()) {
            try {
                for (String place : NodeKeeping.FOLDERS) {
                    Path into = work.resolve(Integer.toString(restored++));
                    Optional<Snapshot> snapshot = backups.restoreLatestIfThere(set.name(), place, into);
                    if (snapshot.isEmpty()) {
                        continue;
                    }
                    KeptNode node = keeping.read(into.resolve(place), set.name(), snapshot.get().time())
                            .withBeside(keptBeside(set.name(), place));
                    if (!node.id().equals(keeping.self())) {
                        if (newest == null || node.kept().isAfter(newest.node().kept())) {
                            newest = new Found(node, place, into.resolve(place));
                        }
                        break;
                    }
                }
            } catch (BackupException e) {
                problem = problem == null ? e : problem;
            }
        }
        if (newest == null && problem != null) {
            throw problem;
        }
        return Optional.ofNullable(newest);
    }

    /** The folder the node's own folder {@code place} is in, with the sources kept beside it, ending in "/". */
    private static String besideFolder(String place) {
        return place.substring(0, place.lastIndexOf('/') + 1);
    }

    /** The sources installed here, other than the node, that kept their data beside the node kept at {@code place}. */
    private List<String> keptBeside(String set, String place) throws BackupException {
        List<String> installed = backups.sources.labels().keySet().stream().filter(name -> !name.equals(BackupService.NODE_SOURCE)).toList();
        return backups.list(set, BackupService.LATEST, besideFolder(place)).stream().map(SnapshotEntry::name)
                .filter(installed::contains).sorted().toList();
    }

    private void deleteWork() throws IOException {
        if (Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.delete(work);
        }
    }
}
