package org.peerdesk.files.core;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.FilesException;
import org.peerdesk.storage.StorageException;

/**
 * What one round of a sync pair settles: the paths, in order, with each one's local version, the
 * peer's (null where a side has no file) and the base, and how far the peer's index will have been
 * settled once the round ends cleanly.
 * <p>
 * A full view holds every path that either side or the bases know. A delta view holds only the
 * paths the peer's index changed after the pair's watermark: for a path the peer has not touched
 * since the last clean round, that round left local and base settled against the peer's version,
 * so deciding it again ({@link SyncPlan}) can only agree, forget, or leave a local change for the
 * peer to take. A delta that cannot be read against the watermark (the peer's share was removed and
 * added again, or its ignore rules changed) is read in full instead, as is one from a watermark of 0 (the
 * peer's index was empty), since the peer lists its live files only from there, not its removals. The
 * paths of files the peer's rules came to leave out are {@code leftOutThere}: the round leaves them be.
 * <p>
 * Where this node has no base for a path it holds and the peer's version differs (or the peer has
 * none), the peer's own base with this node is asked for: the peer records one when it takes a
 * version from here, and when it changes or deletes that version before this node saw it take it,
 * only its base tells that change from a file the peer never had.
 */
record RoundView(boolean full, List<String> paths, Map<String, Manifest> mine, Map<String, Manifest> theirs, Set<String> leftOutThere,
        Map<String, byte[]> bases, SyncRows.Watermark reached) {

    RoundView {
        paths = List.copyOf(paths);
        leftOutThere = Set.copyOf(leftOutThere);
    }

    /** The peer's bases with this node for some paths, where it has them ({@link FilesClient#bases}). */
    @FunctionalInterface
    interface PeerBases {
        Map<String, byte[]> of(Collection<String> paths) throws IOException, InvalidInputException;
    }

    /** The view of a round of {@code pair}: in full without a watermark, else only what the peer changed since it. */
    static RoundView read(ShareRegistry.ShareRoot root, SyncRows.Pair pair, Optional<SyncRows.Watermark> watermark, FilesClient client,
            PeerBases peerBases, ShareIndex index, SyncRows rows) throws FilesException, IOException, InvalidInputException {
        try {
            if (watermark.isPresent() && watermark.get().sequence() > 0) {
                FilesClient.IndexChanges changes = client.changesSince(pair.remoteShare(), watermark.get().sequence());
                if (changes.index().equals(watermark.get().index()) && changes.last() >= watermark.get().sequence()) {
                    Map<String, Manifest> mine = index.files(root.id(), changes.files().keySet());
                    return view(false, root, mine, changes, rows.bases(root.id(), pair.peer(), changes.files().keySet()), peerBases,
                            since -> client.changesSince(pair.remoteShare(), since));
                }
            }
            FilesClient.IndexChanges all = client.changesSince(pair.remoteShare(), 0);
            return view(true, root, localFiles(root, index), all, rows.bases(root.id(), pair.peer()), peerBases,
                    since -> client.changesSince(pair.remoteShare(), since));
        } catch (StorageException e) {
            throw new FilesException("The index of '" + root.name() + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /** What the peer's index holds after a sequence number, read when asked. */
    @FunctionalInterface
    private interface Later {
        FilesClient.IndexChanges since(long sequence) throws IOException, InvalidInputException;
    }

    private static RoundView view(boolean full, ShareRegistry.ShareRoot root, Map<String, Manifest> mine, FilesClient.IndexChanges theirs,
            Map<String, byte[]> bases, PeerBases peerBases, Later later) throws IOException, InvalidInputException {
        TreeSet<String> all = new TreeSet<>(theirs.files().keySet());
        if (full) {
            all.addAll(mine.keySet());
            all.addAll(bases.keySet());
        }
        IgnoreRules rules = IgnoreRules.in(root.folder());
        List<String> paths = all.stream().filter(path -> mine.containsKey(path) || !rules.ignores(path, false)).toList();
        List<String> unsure = paths.stream().filter(path -> !bases.containsKey(path) && mine.containsKey(path)
                && !Manifest.sameVersion(mine.get(path), theirs.files().get(path))).toList();
        Map<String, byte[]> known = bases;
        if (!unsure.isEmpty()) {
            Map<String, byte[]> told = new HashMap<>(peerBases.of(unsure));
            forgetWhatThePeerTookSince(told, theirs, later);
            known = told;
            known.putAll(bases);
        }
        return new RoundView(full, paths, mine, theirs.files(), theirs.leftOut(), known, new SyncRows.Watermark(theirs.index(), theirs.last()));
    }

    /**
     * The peer records a base once the version it took is in its index, and this view read that index before it asked
     * for the bases: a version the peer took in between comes back as a base without its file, which would read as the
     * peer having deleted it, and this node would remove its own copy. So the peer's index is read again, after the
     * bases; a path it holds a file at now keeps no base from the peer in this round (the next one sees the file).
     */
    private static void forgetWhatThePeerTookSince(Map<String, byte[]> told, FilesClient.IndexChanges theirs, Later later)
            throws IOException, InvalidInputException {
        List<String> absent = told.keySet().stream().filter(path -> theirs.files().get(path) == null).toList();
        if (absent.isEmpty()) {
            return;
        }
        Map<String, Manifest> since = later.since(theirs.last()).files();
        absent.stream().filter(path -> since.get(path) != null).forEach(told::remove);
    }

    private static Map<String, Manifest> localFiles(ShareRegistry.ShareRoot root, ShareIndex index) throws StorageException {
        Map<String, Manifest> files = new HashMap<>();
        String after = "";
        List<Manifest> page;
        do {
            page = index.manifestsUnder(root.id(), "", after, 1000);
            for (Manifest manifest : page) {
                files.put(manifest.entry().path(), manifest);
                after = manifest.entry().path();
            }
        } while (!page.isEmpty());
        return files;
    }
}
