package org.peerdesk.examples.notes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.PeerId;

/**
 * Where the other members are in each note, as their nodes last said: the character each one's cursor follows. Held in
 * memory for as long as the stream that said it lasts, so that a member who goes away leaves no cursor behind, and a place
 * told on a stream that has ended since does not take away the one a newer stream told. Not thread-safe: the notebook's
 * lock guards it.
 */
final class Places {

    private record Place(CharId after, Object via) {
    }

    private final Map<String, Map<PeerId, Place>> byNote = new HashMap<>();

    /**
     * Keeps where {@code peer} is in the note, as told on the stream {@code via} (gone from it for an empty place, which also
     * takes it out of any other note); answers whether that changed anything.
     */
    boolean put(String noteId, PeerId peer, Optional<CharId> after, Object via) {
        boolean changed = false;
        for (Map.Entry<String, Map<PeerId, Place>> note : byNote.entrySet()) {
            if (!note.getKey().equals(noteId) && note.getValue().remove(peer) != null) {
                changed = true; // one place at a time: it moved to another note
            }
        }
        Map<PeerId, Place> here = byNote.computeIfAbsent(noteId, id -> new LinkedHashMap<>());
        Place before = after.isPresent() ? here.put(peer, new Place(after.get(), via)) : here.remove(peer);
        return changed || !Optional.ofNullable(before).map(Place::after).equals(after);
    }

    /** Forgets where the peer is, wherever the stream {@code via} said so; answers the notes that changed. */
    Set<String> gone(PeerId peer, Object via) {
        Set<String> changed = new LinkedHashSet<>();
        byNote.forEach((noteId, places) -> {
            if (places.containsKey(peer) && places.get(peer).via() == via) {
                places.remove(peer);
                changed.add(noteId);
            }
        });
        return changed;
    }

    /** Where each member who said so is in the note: the character each one's cursor follows. */
    Map<PeerId, CharId> in(String noteId) {
        Map<PeerId, CharId> in = new LinkedHashMap<>();
        byNote.getOrDefault(noteId, Map.of()).forEach((peer, place) -> in.put(peer, place.after()));
        return in;
    }

    void forget(String noteId) {
        byNote.remove(noteId);
    }
}
