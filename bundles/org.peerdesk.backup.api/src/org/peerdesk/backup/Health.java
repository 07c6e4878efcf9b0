package org.peerdesk.backup;

import java.util.List;

import org.peerdesk.core.PeerId;

/**
 * A set's state as this node knows it: of {@code chunks} chunks its snapshots need, how many have
 * all their copies, fewer, or none; and each holder's share and whether it is online now.
 */
public record Health(int chunks, int fullyCopied, int underCopied, int lost, List<Holder> holders) {

    public Health {
        holders = List.copyOf(holders);
    }

    /** One holder: how many of the set's chunks (and bytes) it holds, and whether it is connected. */
    public record Holder(PeerId peer, String name, boolean online, int chunks, long bytes) {
    }
}
