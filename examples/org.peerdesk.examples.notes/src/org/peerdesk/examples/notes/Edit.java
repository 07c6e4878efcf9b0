package org.peerdesk.examples.notes;

import java.util.List;
import java.util.Objects;

import org.peerdesk.core.PeerId;

/**
 * What one author's node changed in a note at once: the unit that is stored and sent. Each author numbers its edits of a
 * note 1, 2, 3...; a node takes them in that order, so that how far it got with each author (a version) says all it has.
 */
record Edit(PeerId author, long seq, List<Op> ops) {

    Edit {
        Objects.requireNonNull(author, "author");
        ops = List.copyOf(ops);
    }

    /** One change: characters typed, or characters deleted. */
    sealed interface Op permits Insert, Delete {
    }

    /**
     * {@code text} typed after the character {@code after}: its characters get the IDs {@code first}, {@code first + 1}...
     * of the edit's author, each after the one before.
     */
    record Insert(CharId after, long first, String text) implements Op {
        Insert {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The characters of {@code author} with the counters {@code first} to {@code first + count - 1} deleted. */
    record Delete(PeerId author, long first, int count) implements Op {
        Delete {
            Objects.requireNonNull(author, "author");
        }
    }
}
