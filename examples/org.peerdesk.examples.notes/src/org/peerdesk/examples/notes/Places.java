package org.peerdesk.examples.notes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.PeerId;

/**
 * Where the other members are in each note: the character each one's cursor follows, as the member's own node said, or
 * else as a member that reaches both passed it on. Each place is held in memory for as long as the stream that told it
 * lasts, so that a member who goes away leaves no cursor behind, and a place told on a stream that has ended since does not
 * take away the one a newer stream told. Not thread-safe: the notebook's lock guards it.
 */
final class Places {

    private record Place(CharId after, Object via) {
    }

    /** What was told of one member in one note: by the member's node itself, and passed on by another. */
    private static final class Told {
        Place own;
        Place passed;

        Optional<CharId> shown() {
            return Optional.ofNullable(own != null ? own : passed).map(Place::after);
        }
    }

    private final Map<String, Map<PeerId, Told>> byNote = new HashMap<>();

    /**
     * Keeps where {@code peer} is in the note, as its own node told on the stream {@code via} (gone from it for an empty
     * place, which also takes it out of any other note); answers whether that changed what is shown.
     */
    boolean put(String noteId, PeerId peer, Optional<CharId> after, Object via) {
        return keep(noteId, peer, after, via, true);
    }

    /** As {@link #put}, for a place another member passed on; shown only while the peer's own node tells none here. */
    boolean passed(String noteId, PeerId peer, Optional<CharId> after, Object via) {
        return keep(noteId, peer, after, via, false);
    }

    private boolean keep(String noteId, PeerId peer, Optional<CharId> after, Object via, boolean own) {
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, Map<PeerId, Told>> note : byNote.entrySet()) {
            if (!note.getKey().equals(noteId) && note.getValue().remove(peer) != null) {
                changed.add(note.getKey()); // one place at a time: it moved to another note
            }
        }
        Map<PeerId, Told> here = byNote.computeIfAbsent(noteId, id -> new LinkedHashMap<>());
        Told told = here.computeIfAbsent(peer, member -> new Told());
        Optional<CharId> before = told.shown();
        Place place = after.map(character -> new Place(character, via)).orElse(null);
        if (own) {
            told.own = place;
        } else {
            told.passed = place;
        }
        if (told.own == null && told.passed == null) {
            here.remove(peer);
        }
        return !changed.isEmpty() || !before.equals(told.shown());
    }

    /** The notes in which {@code peer}'s own node told its place on the stream {@code via}, and still does. */
    Set<String> toldBy(PeerId peer, Object via) {
        Set<String> notes = new LinkedHashSet<>();
        byNote.forEach((noteId, places) -> {
            Told told = places.get(peer);
            if (told != null && told.own != null && told.own.via() == via) {
                notes.add(noteId);
            }
        });
        return notes;
    }

    /** Forgets every place told on the stream {@code via}, by its peer or passed on; answers the notes where what is shown changed. */
    Set<String> gone(Object via) {
        Set<String> changed = new LinkedHashSet<>();
        byNote.forEach((noteId, places) -> places.values().removeIf(told -> {
            Optional<CharId> before = told.shown();
            if (told.own != null && told.own.via() == via) {
                told.own = null;
            }
            if (told.passed != null && told.passed.via() == via) {
                told.passed = null;
            }
            if (!before.equals(told.shown())) {
                changed.add(noteId);
            }
            return told.own == null && told.passed == null;
        }));
        return changed;
    }

    /** Where each member who said so (or was said to be) is in the note: the character each one's cursor follows. */
    Map<PeerId, CharId> in(String noteId) {
        Map<PeerId, CharId> in = new LinkedHashMap<>();
        byNote.getOrDefault(noteId, Map.of()).forEach((peer, told) -> told.shown().ifPresent(after -> in.put(peer, after)));
        return in;
    }

    /** Where the members are by their own nodes' word, by note: what a node passes on. */
    Map<String, Map<PeerId, CharId>> told() {
        Map<String, Map<PeerId, CharId>> told = new LinkedHashMap<>();
        byNote.forEach((noteId, places) -> places.forEach((peer, each) -> {
            if (each.own != null) {
                told.computeIfAbsent(noteId, id -> new LinkedHashMap<>()).put(peer, each.own.after());
            }
        }));
        return told;
    }

    void forget(String noteId) {
        byNote.remove(noteId);
    }
}
