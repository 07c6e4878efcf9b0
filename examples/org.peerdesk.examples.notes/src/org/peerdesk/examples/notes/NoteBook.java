package org.peerdesk.examples.notes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.examples.notes.NotesWire.Described;
import org.peerdesk.examples.notes.NotesWire.Edited;
import org.peerdesk.examples.notes.NotesWire.Left;
import org.peerdesk.examples.notes.NotesWire.Offer;
import org.peerdesk.examples.notes.NotesWire.Offered;
import org.peerdesk.examples.notes.NotesWire.PassedPlace;
import org.peerdesk.examples.notes.NotesWire.Placed;
import org.peerdesk.examples.notes.NotesWire.Want;
import org.peerdesk.storage.StorageException;

/**
 * This node's shared notes: what its user does with them, and what its peers send of them. A note's owner decides who
 * its members are; every member edits it, and its node keeps it in step with the other members it reaches, passing on
 * what it takes, so that members who do not reach each other still meet through one who reaches both. What a member
 * sends is taken only for notes both are members of, as this node knows from the owner. One lock guards it all.
 */
final class NoteBook {

    /** Where frames for peers go: the stream to each, opened as needed. */
    interface Courier {
        /** Sends the frame to the peer on its stream, if one is open; if none is, opens one, whose offer will say it all. */
        void send(PeerId peer, NotesWire.Frame frame);

        /** Offers the peer everything again on a new stream: it may now share notes with this node that it did not. */
        void resync(PeerId peer);
    }

    /** Told that a note changed (its text, its description), under the notebook's lock: it posts, and does not call back. */
    interface Listener {
        void changed(String noteId);
    }

    /** What came of an edit a peer sent. */
    enum Taken {
        /** Applied, or had already. */
        TAKEN,
        /** An edit of an author's that does not follow the last one this node has: the stream is out of step. */
        OUT_OF_STEP
    }

    /** The most characters one edit types, and deletes: larger changes go as several edits, each within a frame. */
    static final int MOST_TYPED = 100_000;
    static final int MOST_DELETED = 5_000;

    private final NoteStore store;
    private final PeerId self;
    private final SignedNote.Signer signer;
    /** The name this node knows a peer by (its own name for itself), which a note it owns carries for each member. */
    private final Function<PeerId, String> names;
    private final Courier courier;
    private final Listener listener;
    private final Map<String, Copy> copies = new HashMap<>();
    private final Places places = new Places();
    /** Where this node's user is: the note, and the character the cursor follows; null outside every note. */
    private Placed mine;

    /** A note's text as this node has it, and how far it has each author's edits. */
    private static final class Copy {
        final SharedText text = new SharedText();
        final Map<PeerId, Long> version = new LinkedHashMap<>();

        void apply(Edit edit) throws InvalidInputException {
            text.apply(edit);
            version.put(edit.author(), edit.seq());
        }

        long next(PeerId author) {
            return version.getOrDefault(author, 0L) + 1;
        }
    }

    NoteBook(NoteStore store, PeerId self, SignedNote.Signer signer, Function<PeerId, String> names, Courier courier, Listener listener) {
        this.store = store;
        this.self = self;
        this.signer = signer;
        this.names = names;
        this.courier = courier;
        this.listener = listener;
    }

    PeerId self() {
        return self;
    }

    synchronized List<Note> notes() throws StorageException {
        return store.notes().stream().map(SignedNote::note).toList();
    }

    /** The note {@code named} names: its title (any case), or the start of its title or its ID, where one note fits. */
    synchronized Note named(String named) throws PeerdeskException {
        String typed = named.strip().toLowerCase(java.util.Locale.ROOT);
        List<Note> notes = notes();
        List<Note> exact = notes.stream().filter(note -> note.title().toLowerCase(java.util.Locale.ROOT).equals(typed)).toList();
        List<Note> fitting = !exact.isEmpty() ? exact : notes.stream()
                .filter(note -> note.title().toLowerCase(java.util.Locale.ROOT).startsWith(typed) || note.id().startsWith(typed)).toList();
        if (fitting.size() == 1 && !typed.isEmpty()) {
            return fitting.get(0);
        }
        throw new NoteException(fitting.isEmpty() ? "There is no note called '" + named.strip() + "' here ('peerdesk notes' lists them)."
                : "'" + named.strip() + "' could be " + String.join(", ", fitting.stream().map(note -> "\"" + note.title() + "\" ("
                        + note.shortId() + ")").toList()) + "; give more of the title, or the ID.");
    }

    synchronized Note create(String title, List<PeerId> with) throws PeerdeskException {
        Set<PeerId> members = new LinkedHashSet<>();
        members.add(self);
        members.addAll(with);
        List<PeerId> checked = checkedMembers(members);
        Note note = new Note(Note.newId(), Note.checkedTitle(title), self, checked, namesOf(checked), System.currentTimeMillis());
        store.save(SignedNote.of(note, signer));
        copies.put(note.id(), new Copy());
        note.others(self).forEach(courier::resync);
        listener.changed(note.id());
        return note;
    }

    /** Adds members to a note this node owns; each is offered the note at once, if connected, or when it next connects. */
    synchronized Note share(String noteId, List<PeerId> peers) throws PeerdeskException {
        Note note = owned(noteId, "share");
        Set<PeerId> members = new LinkedHashSet<>(note.members());
        members.addAll(peers);
        List<PeerId> checked = checkedMembers(members);
        Note shared = note.withMembers(checked, namesOf(checked), nextClock(note));
        SignedNote signed = SignedNote.of(shared, signer);
        store.save(signed);
        for (PeerId member : shared.others(self)) {
            if (note.isMember(member)) {
                courier.send(member, new Described(signed));
            } else {
                courier.resync(member);
            }
        }
        listener.changed(noteId);
        return shared;
    }

    /** Takes a member off a note this node owns: it keeps its copy, no longer kept in step. */
    synchronized Note unshare(String noteId, PeerId peer) throws PeerdeskException {
        Note note = owned(noteId, "unshare");
        if (peer.equals(self) || !note.isMember(peer)) {
            throw new NoteException(peer.equals(self) ? "A note's owner stays a member of it." : "The note is not shared with that peer.");
        }
        List<PeerId> left = note.members().stream().filter(member -> !member.equals(peer)).toList();
        Note unshared = note.withMembers(left, namesOf(left), nextClock(note));
        SignedNote signed = SignedNote.of(unshared, signer);
        store.save(signed);
        for (PeerId member : note.others(self)) {
            courier.send(member, new Described(signed));
        }
        listener.changed(noteId);
        return unshared;
    }

    /**
     * Forgets a note here. Its owner takes every member off first (each keeps its copy); a member forgets only a note no
     * longer shared with it, as its owner would offer it again.
     */
    synchronized void remove(String noteId) throws PeerdeskException {
        Note note = known(noteId);
        if (note.owner().equals(self)) {
            SignedNote alone = SignedNote.of(note.withMembers(List.of(self), namesOf(List.of(self)), nextClock(note)), signer);
            for (PeerId member : note.others(self)) {
                courier.send(member, new Described(alone));
            }
        } else if (note.isMember(self)) {
            throw new NoteException("\"" + note.title() + "\" is shared with you by its owner, who would offer it again;"
                    + " leave it instead, and their node takes you off it.");
        }
        store.delete(noteId);
        copies.remove(noteId);
        places.forget(noteId);
        listener.changed(noteId);
    }

    /**
     * The user leaves a note its owner shares with them: it is forgotten here at once, and the owner's node, told as soon
     * as it is reached, takes the user off it. Until then, the note is not taken back from members who still offer it.
     */
    synchronized void leave(String noteId) throws PeerdeskException {
        Note note = known(noteId);
        if (note.owner().equals(self) || !note.isMember(self)) {
            throw new NoteException(note.owner().equals(self) ? "\"" + note.title() + "\" is yours: removing it takes every member off it."
                    : "\"" + note.title() + "\" is no longer shared with you: remove your copy instead.");
        }
        if (mine != null && mine.noteId().equals(noteId)) {
            moveOut();
        }
        store.leave(note);
        copies.remove(noteId);
        places.forget(noteId);
        courier.send(note.owner(), new Left(noteId));
        listener.changed(noteId);
    }

    /** A member left a note this node owns: it is taken off it. A leave of any other note is passed over. */
    synchronized void left(PeerId from, String noteId) throws PeerdeskException {
        Optional<Note> note = store.note(noteId).map(SignedNote::note);
        if (note.isPresent() && note.get().owner().equals(self) && !from.equals(self) && note.get().isMember(from)) {
            unshare(noteId, from);
        }
    }

    /** What a new stream to the peer tells it of the notes the user left that it owns, and has not yet taken the user off. */
    synchronized List<Left> leavingFor(PeerId peer) throws StorageException {
        List<Left> leaving = new ArrayList<>();
        store.left().forEach((noteId, owner) -> {
            if (owner.equals(peer)) {
                leaving.add(new Left(noteId));
            }
        });
        return leaving;
    }

    synchronized String text(String noteId) throws PeerdeskException {
        return copy(known(noteId)).text.text();
    }

    /**
     * A note's text and the IDs of its characters, one for each, as the user is shown them, and where the other members
     * who are in it now are: how many characters come before each one's cursor.
     */
    record Snapshot(String text, List<CharId> ids, Map<PeerId, Integer> others) {
        Snapshot {
            others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
        }
    }

    synchronized Snapshot snapshot(String noteId) throws PeerdeskException {
        Note note = known(noteId);
        SharedText text = copy(note).text;
        return new Snapshot(text.text(), text.ids(), others(note, text));
    }

    private Map<PeerId, Integer> others(Note note, SharedText text) {
        Map<PeerId, Integer> others = new LinkedHashMap<>();
        places.in(note.id()).forEach((peer, after) -> {
            if (note.isMember(peer)) {
                text.offsetAfter(after).ifPresent(offset -> others.put(peer, offset));
            }
        });
        return others;
    }

    /**
     * The user's change to a note: the characters {@code deleted} deleted, and {@code inserted} typed after the character
     * {@code after}. Stored, then sent to the members this node reaches; answers the IDs of the characters typed.
     */
    synchronized List<CharId> edit(String noteId, CharId after, List<CharId> deleted, String inserted) throws PeerdeskException {
        Note note = known(noteId);
        if (!note.isMember(self)) {
            throw new NoteException("\"" + note.title() + "\" is no longer shared with you; your copy stays as it was.");
        }
        Copy copy = copy(note);
        for (int from = 0; from < deleted.size(); from += MOST_DELETED) {
            List<CharId> now = deleted.subList(from, Math.min(deleted.size(), from + MOST_DELETED));
            record(note, copy, copy.text.change(self, copy.next(self), CharId.START, now, ""));
        }
        List<CharId> typed = new ArrayList<>(inserted.length());
        CharId last = after;
        for (int from = 0; from < inserted.length();) {
            int to = Math.min(inserted.length(), from + MOST_TYPED);
            if (to < inserted.length() && Character.isHighSurrogate(inserted.charAt(to - 1))) {
                to--; // a character of two chars stays in one edit
            }
            Edit edit = copy.text.change(self, copy.next(self), last, List.of(), inserted.substring(from, to));
            record(note, copy, edit);
            Edit.Insert insert = (Edit.Insert) edit.ops().get(0);
            for (int i = 0; i < insert.text().length(); i++) {
                typed.add(new CharId(insert.first() + i, self));
            }
            last = typed.get(typed.size() - 1);
            from = to;
        }
        if (!deleted.isEmpty() || !inserted.isEmpty()) {
            listener.changed(noteId);
        }
        return typed;
    }

    /** As {@link #edit(String, CharId, List, String)}, for the {@code removed} characters at {@code offset} of the text as it is. */
    synchronized void edit(String noteId, int offset, int removed, String inserted) throws PeerdeskException {
        List<CharId> ids = copy(known(noteId)).text.ids();
        if (offset < 0 || removed < 0 || offset + removed > ids.size()) {
            throw new InvalidInputException("The note has " + ids.size() + " characters, not " + removed + " from " + offset + ".");
        }
        edit(noteId, offset == 0 ? CharId.START : ids.get(offset - 1), ids.subList(offset, offset + removed), inserted);
    }

    /** Adds {@code text} as a line at the end of the note. */
    synchronized void append(String noteId, String text) throws PeerdeskException {
        String now = text(noteId);
        edit(noteId, now.length(), 0, (now.isEmpty() || now.endsWith("\n") ? "" : "\n") + text);
    }

    private void record(Note note, Copy copy, Edit edit) throws StorageException {
        copy.version.put(self, edit.seq());
        store.add(note.id(), edit);
        for (PeerId member : note.others(self)) {
            courier.send(member, new Edited(note.id(), edit));
        }
    }

    // --- where the members are ------------------------------------------------------------------------

    /** The user's cursor is in the note, right after the character {@code after}: told to the other members this node reaches. */
    synchronized void moveTo(String noteId, CharId after) throws PeerdeskException {
        Placed now = new Placed(noteId, Optional.of(after));
        if (now.equals(mine)) {
            return;
        }
        if (mine != null && !mine.noteId().equals(noteId)) {
            moveOut();
        }
        mine = now;
        tell(known(noteId), now);
    }

    /** The user left the note the cursor was in (another is shown, or none): the other members no longer show it there. */
    synchronized void moveOut() throws PeerdeskException {
        if (mine != null) {
            Optional<Note> note = store.note(mine.noteId()).map(SignedNote::note);
            if (note.isPresent()) {
                tell(note.get(), new Placed(mine.noteId(), Optional.empty()));
            }
            mine = null;
        }
    }

    private void tell(Note note, Placed place) {
        if (note.isMember(self)) {
            note.others(self).forEach(member -> courier.send(member, place));
        }
    }

    /**
     * What a peer that a new stream now keeps in step is told of where members are, in the notes both are members of: where
     * the user is, and where the other members whose nodes told this one are.
     */
    synchronized List<NotesWire.Frame> placesFor(PeerId peer) throws PeerdeskException {
        List<NotesWire.Frame> frames = new ArrayList<>();
        if (mine != null && shared(mine.noteId(), peer)) {
            frames.add(mine);
        }
        for (Map.Entry<String, Map<PeerId, CharId>> note : places.told().entrySet()) {
            if (shared(note.getKey(), peer)) {
                note.getValue().forEach((member, after) -> {
                    if (!member.equals(peer)) {
                        frames.add(new PassedPlace(note.getKey(), member, Optional.of(after)));
                    }
                });
            }
        }
        return frames;
    }

    /**
     * Where a peer's user is, as its node said on the stream {@code via}: kept while that stream lasts, for a note both are
     * members of, and passed on to the other members this node reaches; a place in any other note is passed over, as the
     * peer may not yet know that it was taken off it.
     */
    synchronized void placed(PeerId from, Placed placed, Object via) throws PeerdeskException {
        Optional<Note> note = store.note(placed.noteId()).map(SignedNote::note);
        if (note.isPresent() && note.get().isMember(self) && note.get().isMember(from)) {
            if (places.put(placed.noteId(), from, placed.after(), via)) {
                listener.changed(placed.noteId());
            }
            passOn(note.get(), from, placed.after());
        }
    }

    /**
     * Where another member is, as {@code from} passed it on: kept while the stream {@code via} lasts, where all three are
     * members of the note, and shown while that member's own node tells this one nothing of it. Not passed on again.
     */
    synchronized void passed(PeerId from, PassedPlace passed, Object via) throws PeerdeskException {
        Optional<Note> note = store.note(passed.noteId()).map(SignedNote::note);
        PeerId member = passed.member();
        if (note.isPresent() && note.get().isMember(self) && note.get().isMember(from) && note.get().isMember(member)
                && !member.equals(self) && !member.equals(from) && places.passed(passed.noteId(), member, passed.after(), via)) {
            listener.changed(passed.noteId());
        }
    }

    /**
     * The stream {@code via} from the peer ended: where it said its user is goes with it (the other members this node
     * reaches are told), as does where it said others are.
     */
    synchronized void gone(PeerId peer, Object via) throws StorageException {
        Set<String> told = places.toldBy(peer, via);
        places.gone(via).forEach(listener::changed);
        for (String noteId : told) {
            Optional<Note> note = store.note(noteId).map(SignedNote::note);
            if (note.isPresent()) {
                passOn(note.get(), peer, Optional.empty());
            }
        }
    }

    /** Tells the members this node reaches, but the one it is about, where {@code member} is in the note. */
    private void passOn(Note note, PeerId member, Optional<CharId> after) {
        PassedPlace passed = new PassedPlace(note.id(), member, after);
        note.others(self).stream().filter(other -> !other.equals(member)).forEach(other -> courier.send(other, passed));
    }

    private boolean shared(String noteId, PeerId peer) throws StorageException {
        Optional<Note> note = store.note(noteId).map(SignedNote::note);
        return note.isPresent() && note.get().isMember(self) && note.get().isMember(peer);
    }

    // --- keeping members in step -------------------------------------------------------------------

    /** What this node offers the peer: the notes both are members of, each as its owner described it. */
    synchronized Offer offerTo(PeerId peer) throws PeerdeskException {
        List<Offered> offered = new ArrayList<>();
        for (SignedNote signed : store.notes()) {
            Note note = signed.note();
            if (note.isMember(self) && note.isMember(peer)) {
                offered.add(new Offered(note.id(), Optional.of(signed), copy(note).version));
            }
        }
        return new Offer(offered);
    }

    /**
     * Takes what the peer offers: the descriptions of the notes; answers how far this node has the ones it wants, and the
     * newer descriptions it has of offered notes (the peer may have been taken off one meanwhile).
     */
    synchronized Want answer(PeerId from, Offer offer) throws PeerdeskException {
        Map<String, Map<PeerId, Long>> wanted = new LinkedHashMap<>();
        List<SignedNote> newer = new ArrayList<>();
        for (Offered offered : offer.notes()) {
            if (offered.note().isPresent()) {
                described(from, offered.note().get());
            }
            Optional<SignedNote> known = store.note(offered.noteId());
            if (known.isEmpty()) {
                continue;
            }
            Note note = known.get().note();
            if (offered.note().map(said -> said.note().clock() < note.clock() && said.note().owner().equals(note.owner())).orElse(false)) {
                newer.add(known.get());
            }
            if (note.isMember(self) && note.isMember(from)) {
                wanted.put(offered.noteId(), Map.copyOf(copy(note).version));
            }
        }
        return new Want(wanted, newer);
    }

    /** The edits the peer lacks of the notes it wants, in the order this node took them (each after what it refers to). */
    synchronized List<Edited> missing(PeerId peer, Want want) throws PeerdeskException {
        List<Edited> missing = new ArrayList<>();
        for (Map.Entry<String, Map<PeerId, Long>> wanted : want.versions().entrySet()) {
            Optional<Note> note = store.note(wanted.getKey()).map(SignedNote::note);
            if (note.isEmpty() || !note.get().isMember(self) || !note.get().isMember(peer)) {
                continue;
            }
            for (Edit edit : store.edits(note.get().id())) {
                if (edit.seq() > wanted.getValue().getOrDefault(edit.author(), 0L)) {
                    missing.add(new Edited(note.get().id(), edit));
                }
            }
        }
        return missing;
    }

    /**
     * An edit the peer sent: applied, stored and passed on to the other members this node reaches, where both are members
     * of its note and it is the next of its author's.
     *
     * @throws InvalidInputException for an edit of a note the peer is not a member of (as far as this node knows), or one
     *         that does not fit the text
     */
    synchronized Taken received(PeerId from, Edited edited) throws PeerdeskException {
        Optional<Note> note = store.note(edited.noteId()).map(SignedNote::note);
        if (note.isEmpty() || !note.get().isMember(self) || !note.get().isMember(from)) {
            throw new InvalidInputException("an edit of note " + edited.noteId() + ", which this node does not share with " + from.shortForm());
        }
        Edit edit = edited.edit();
        Copy copy = copy(note.get());
        long next = copy.next(edit.author());
        if (edit.seq() < next) {
            return Taken.TAKEN;
        }
        if (edit.seq() > next) {
            return Taken.OUT_OF_STEP;
        }
        copy.apply(edit);
        store.add(edited.noteId(), edit);
        for (PeerId member : note.get().others(self)) {
            if (!member.equals(from) && !member.equals(edit.author())) {
                courier.send(member, edited);
            }
        }
        listener.changed(edited.noteId());
        return Taken.TAKEN;
    }

    /**
     * A note's description, passed on by {@code from}: kept where the note's owner signed it, and it is newer than the one
     * this node has.
     *
     * @throws InvalidInputException for a description its owner did not sign
     */
    synchronized void described(PeerId from, SignedNote signed) throws PeerdeskException {
        Note note = signed.note();
        if (!signed.valid()) {
            throw new InvalidInputException(from.shortForm() + " passes on a description of note " + note.id() + " that its owner did not sign");
        }
        if (store.left().containsKey(note.id())) {
            if (!note.isMember(self)) {
                store.takenOff(note.id()); // the owner took the user off the note it left
            }
            return;
        }
        Optional<Note> known = store.note(note.id()).map(SignedNote::note);
        if (known.isPresent() && (!known.get().owner().equals(note.owner()) || known.get().clock() >= note.clock())) {
            return;
        }
        if (known.isEmpty() && !note.isMember(self)) {
            return; // taken off a note it never had
        }
        store.save(signed);
        for (PeerId member : note.others(self)) {
            if (known.isEmpty() || !known.get().isMember(member)) {
                courier.resync(member);
            }
        }
        for (PeerId former : known.map(Note::members).orElse(List.of())) {
            if (!note.isMember(former) && !former.equals(self)) {
                courier.send(former, new Described(signed)); // it learns it was taken off, if this node reaches it
            }
        }
        listener.changed(note.id());
    }

    private Copy copy(Note note) throws PeerdeskException {
        Copy copy = copies.get(note.id());
        if (copy == null) {
            copy = new Copy();
            for (Edit edit : store.edits(note.id())) {
                copy.apply(edit);
            }
            copies.put(note.id(), copy);
        }
        return copy;
    }

    private Note known(String noteId) throws PeerdeskException {
        return store.note(noteId).map(SignedNote::note).orElseThrow(() -> new NoteException("There is no note " + noteId + " here."));
    }

    private Note owned(String noteId, String act) throws PeerdeskException {
        Note note = known(noteId);
        if (!note.owner().equals(self)) {
            throw new NoteException("Only the owner of \"" + note.title() + "\" can " + act + " it.");
        }
        return note;
    }

    private static List<PeerId> checkedMembers(Set<PeerId> members) throws NoteException {
        if (members.size() > Note.MAX_MEMBERS) {
            throw new NoteException("A note is shared with at most " + (Note.MAX_MEMBERS - 1) + " peers.");
        }
        return List.copyOf(members);
    }

    private Map<PeerId, String> namesOf(List<PeerId> members) {
        Map<PeerId, String> named = new LinkedHashMap<>();
        members.forEach(member -> named.put(member, names.apply(member)));
        return named;
    }

    private static long nextClock(Note note) {
        return Math.max(System.currentTimeMillis(), note.clock() + 1);
    }
}
