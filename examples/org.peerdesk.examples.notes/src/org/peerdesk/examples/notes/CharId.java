package org.peerdesk.examples.notes;

import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * Where one character of a shared note belongs: a Lamport counter (higher than every counter its author's node had seen
 * when the character was typed) and that author. IDs are unique, and their order, the same on every node, places
 * characters typed at the same spot at the same time.
 */
record CharId(long counter, PeerId author) implements Comparable<CharId> {

    /** The start of every note: what a character typed at its very beginning comes after. */
    static final CharId START = new CharId(0, new PeerId(new byte[PeerId.LENGTH]));

    CharId {
        Objects.requireNonNull(author, "author");
    }

    @Override
    public int compareTo(CharId other) {
        int byCounter = Long.compare(counter, other.counter);
        return byCounter != 0 ? byCounter : author.compareTo(other.author);
    }
}
