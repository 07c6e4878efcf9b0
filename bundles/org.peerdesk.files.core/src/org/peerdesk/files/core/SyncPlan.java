package org.peerdesk.files.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import org.peerdesk.core.PeerId;

/**
 * What one path needs in a round of two-way sync, decided from three versions: the local one, the
 * peer's, and the base (the version both last agreed on). Both sides decide alike, so they converge:
 * a conflict keeps the newer version under the name (the older one, or on a tie the smaller digest,
 * moves aside) and both sides name the kept copy after its author and its time.
 */
final class SyncPlan {

    enum Action {
        /** Same on both sides: remember it as the base. */
        AGREE,
        /** Nothing on either side any more: forget the base. */
        FORGET,
        /** Only this side changed: the peer takes it from here. */
        NOTHING,
        /** Only the peer changed it: fetch its version into place. */
        FETCH,
        /** The peer deleted it and it is unchanged here: move it to the trash. */
        TRASH,
        /** Changed on both sides, the local version is older: it moves aside and the peer's takes its place. */
        LOCAL_MOVES_ASIDE,
        /** Changed on both sides, the peer's version is older: it is fetched beside the local one. */
        PEER_COPY_BESIDE,
        /** Deleted on the peer but changed here: the change wins; the base is forgotten so the file travels back. */
        KEEP_LOCAL
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss").withZone(ZoneOffset.UTC);

    private SyncPlan() {
    }

    /** {@code local} and {@code peer} are null where the side has no file; {@code base} is null where they never agreed. */
    static Action decide(Manifest local, Manifest peer, byte[] base) {
        byte[] mine = local == null ? null : local.version();
        byte[] theirs = peer == null ? null : peer.version();
        if (Arrays.equals(mine, theirs)) {
            return mine == null ? Action.FORGET : Action.AGREE;
        }
        if (Arrays.equals(mine, base)) {
            return theirs == null ? Action.TRASH : Action.FETCH;
        }
        if (Arrays.equals(theirs, base)) {
            return Action.NOTHING;
        }
        if (peer == null) {
            return Action.KEEP_LOCAL;
        }
        if (local == null) {
            return Action.FETCH; // a change wins over a deletion
        }
        int older = local.entry().modified().compareTo(peer.entry().modified());
        boolean localLoses = older != 0 ? older < 0 : Arrays.compare(mine, theirs) < 0;
        return localLoses ? Action.LOCAL_MOVES_ASIDE : Action.PEER_COPY_BESIDE;
    }

    /** {@code folder/report (conflict 2026-11-24 101500 ABCDEFGH).txt} for {@code folder/report.txt}. */
    static String conflictName(String path, PeerId author, Instant modified) {
        String folder = SharePaths.parent(path);
        String name = path.substring(folder.isEmpty() ? 0 : folder.length() + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String copy = stem + " (conflict " + STAMP.format(modified) + " " + author.shortForm() + ")" + extension;
        return SharePaths.child(folder, copy);
    }
}
