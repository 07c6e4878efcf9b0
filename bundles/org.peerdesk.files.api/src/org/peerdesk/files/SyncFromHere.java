package org.peerdesk.files;

import java.time.Instant;
import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * A peer that syncs its share with this node's {@code share}, taking in this node's changes, while this node does
 * not sync with it: the peer's changes do not come in here until this node syncs the share with it too.
 *
 * @param lastRead when the peer last read the share's changes (to the minute)
 */
public record SyncFromHere(String share, PeerId peer, Instant lastRead) {

    public SyncFromHere {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(lastRead, "lastRead");
    }

    /** What it means, in a sentence, and what to do about it, for a peer called {@code peerName}. */
    public String summary(String peerName) {
        return peerName + " syncs '" + share + "' with this node, taking in your changes; its own come in here once you sync '" + share
                + "' with " + peerName + " too";
    }
}
