package org.peerdesk.files;

import java.util.List;
import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * The files and folders in a peer's shares whose names hold every word searched for, as far as the
 * peer's grants reach, by share and path; {@code more} when there were more than were asked for.
 */
public record RemoteMatches(PeerId peer, List<Match> matches, boolean more) {

    /** One file or folder found, in {@code share}. */
    public record Match(String share, FileEntry entry) {

        public Match {
            Objects.requireNonNull(share, "share");
            Objects.requireNonNull(entry, "entry");
        }

        /** {@code share/path}, as {@link RemoteFiles#list} and downloads name it. */
        public String location() {
            return share + "/" + entry.path();
        }
    }

    public RemoteMatches {
        Objects.requireNonNull(peer, "peer");
        matches = List.copyOf(matches);
    }
}
