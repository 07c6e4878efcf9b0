package org.peerdesk.backup.core;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.peerdesk.core.PeerId;

/**
 * Which holders get a chunk: rendezvous hashing ranks the candidates by a hash of chunk and holder,
 * so chunks spread evenly, the same chunk goes to the same holders every time, and a holder that
 * drops out moves only its own chunks.
 */
final class Placement {

    private Placement() {
    }

    /** Up to {@code count} of the {@code candidates} not in {@code excluded}, best first. */
    static List<PeerId> choose(BlobId chunk, Collection<PeerId> candidates, Set<PeerId> excluded, int count) {
        long key = ByteBuffer.wrap(chunk.bytes()).getLong();
        return candidates.stream().filter(holder -> !excluded.contains(holder))
                .sorted(Comparator.comparingLong((PeerId holder) -> score(key, holder)).reversed())
                .limit(Math.max(0, count)).toList();
    }

    private static long score(long chunk, PeerId holder) {
        long z = chunk ^ ByteBuffer.wrap(holder.bytes()).getLong() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
