package org.peerdesk.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.InvalidInputException;

/** Members of a note edit it, together or apart, and every member's node ends with the same text. */
class NoteBookTest {

    private static final List<String> TYPED = List.of("x", "yz", "🙂", "ab🙂c");

    @TempDir
    Path home;

    private Members members;
    private NoteBook ana;
    private NoteBook ben;
    private NoteBook cai;

    @BeforeEach
    void peers() throws Exception {
        members = new Members(home);
        ana = members.add("ana");
        ben = members.add("ben");
        cai = members.add("cai");
    }

    @Test
    void membersWhoTypeAtTheSameSpotApartKeepBothOnceTheyMeet() throws Exception {
        Note plan = ana.create("Plan", List.of(ben.self()));
        members.connect("ana", "ben");
        ana.append(plan.id(), "Ship on Friday.");
        members.deliver();
        assertEquals("Ship on Friday.", ben.text(plan.id()), "ben has what ana wrote, as he is a member");

        members.disconnect("ana", "ben");
        ana.edit(plan.id(), 8, 6, "Monday");
        ben.edit(plan.id(), 15, 0, " Tests first.");
        ben.edit(plan.id(), 0, 0, "Draft: ");
        assertEquals("Ship on Monday.", ana.text(plan.id()));
        assertEquals("Draft: Ship on Friday. Tests first.", ben.text(plan.id()));

        members.connect("ana", "ben");
        members.deliver();
        assertEquals("Draft: Ship on Monday. Tests first.", ana.text(plan.id()), "each change lands where it was made");
        assertEquals(ana.text(plan.id()), ben.text(plan.id()));
        assertEquals(ana.text(plan.id()), members.reopen("ben").text(plan.id()), "rebuilt from ben's database after a restart");
    }

    @Test
    void randomEditsOfThreeMembersThatMeetNowAndThenEndTheSame() throws Exception {
        Note note = ana.create("Minutes", List.of(ben.self(), cai.self()));
        members.connect("ana", "ben");
        members.connect("ana", "cai");
        members.deliver();
        Random random = new Random(20261206);
        List<String> names = List.of("ana", "ben", "cai");
        for (int round = 0; round < 300; round++) {
            NoteBook book = members.book(names.get(random.nextInt(3)));
            String text = book.text(note.id());
            int offset = random.nextInt(text.length() + 1);
            int removed = random.nextInt(4) == 0 ? random.nextInt(Math.min(5, text.length() - offset) + 1) : 0;
            book.edit(note.id(), offset, removed, random.nextBoolean() ? "" : TYPED.get(random.nextInt(TYPED.size())));
            if (random.nextInt(10) == 0) {
                String one = names.get(random.nextInt(3));
                String other = names.get(random.nextInt(3));
                if (!one.equals(other)) {
                    if (random.nextBoolean()) {
                        members.connect(one, other);
                    } else {
                        members.disconnect(one, other);
                    }
                }
            }
            if (random.nextInt(5) == 0) {
                members.deliver();
            }
        }
        members.disconnect("ana", "cai");
        members.connect("ben", "cai");
        members.connect("ana", "ben");
        members.deliver();
        String agreed = ana.text(note.id());
        assertEquals(agreed, ben.text(note.id()));
        assertEquals(agreed, cai.text(note.id()), "cai, not reached by ana, has ana's edits through ben");
        assertEquals(agreed, members.reopen("cai").text(note.id()));
    }

    @Test
    void onlyTheOwnerSharesAndOnlyMembersEdit() throws Exception {
        Note note = ana.create("Budget", List.of(ben.self()));
        members.connect("ana", "ben");
        members.connect("ben", "cai");
        members.deliver();
        assertEquals(List.of(), cai.notes(), "cai is not a member: ben offers it nothing");
        assertTrue(assertThrows(NoteException.class, () -> ben.share(note.id(), List.of(cai.self()))).getMessage()
                .startsWith("Only the owner of \"Budget\" can share it."));
        Edit forged = new Edit(cai.self(), 1, List.of(new Edit.Insert(CharId.START, 1, "mine now")));
        assertThrows(InvalidInputException.class, () -> ana.received(cai.self(), new NotesWire.Edited(note.id(), forged)),
                "a peer that is not a member cannot edit");
        Note takenOver = new Note(note.id(), "Ben's budget", ana.self(), List.of(ana.self(), ben.self(), cai.self()), Map.of(), note.clock() + 1);
        SignedNote signedByBen = SignedNote.of(takenOver, members.signer("ben"));
        assertTrue(assertThrows(InvalidInputException.class, () -> cai.described(ben.self(), signedByBen)).getMessage()
                .endsWith("that its owner did not sign"), "no member changes who may edit: only the owner signs that");
        SignedNote bensOwn = SignedNote.of(new Note(note.id(), "Ben's budget", ben.self(), List.of(ben.self()), Map.of(), note.clock() + 1),
                members.signer("ben"));
        ana.described(ben.self(), bensOwn);
        assertEquals("Budget", ana.notes().get(0).title(), "a note of the same ID owned by another is not this one");

        ana.share(note.id(), List.of(cai.self()));
        ana.append(note.id(), "Rent");
        members.deliver();
        assertEquals("Rent", cai.text(note.id()), "shared with cai, it reaches cai through ben, whom cai reaches");

        members.disconnect("ben", "cai");
        ana.unshare(note.id(), cai.self());
        members.deliver();
        members.connect("ben", "cai");
        members.deliver();
        assertTrue(assertThrows(NoteException.class, () -> cai.append(note.id(), "Food")).getMessage()
                .contains("no longer shared with you"));
        ana.append(note.id(), "Food");
        members.deliver();
        assertEquals("Rent", cai.text(note.id()), "cai keeps its copy as it was");
        assertEquals("Rent\nFood", ben.text(note.id()));
    }

    @Test
    void anEditThatDoesNotFollowTheLastOfItsAuthorsIsOutOfStep() throws Exception {
        Note note = ana.create("Log", List.of(ben.self()));
        members.connect("ana", "ben");
        members.deliver();
        members.disconnect("ana", "ben");
        ana.append(note.id(), "one");
        ana.append(note.id(), "two");
        Edit second = NotesWire.decode(NotesWire.encode(lastEdit(note)));
        assertEquals(NoteBook.Taken.OUT_OF_STEP, ben.received(ana.self(), new NotesWire.Edited(note.id(), second)));
        assertEquals("", ben.text(note.id()), "nothing applied out of order");
    }

    @Test
    void aLongPasteGoesAsSeveralEditsEachWithinAFrame() throws Exception {
        Note note = ana.create("Book", List.of(ben.self()));
        String chapter = "🙂".repeat(NoteBook.MOST_TYPED) + "end";
        ana.append(note.id(), chapter);
        List<Edit> edits = new NoteStore(new EmbeddedStorage(home.resolve("ana"))).edits(note.id());
        assertEquals(3, edits.size(), "two characters each: three edits");
        assertTrue(edits.stream().allMatch(edit -> NotesWire.encode(edit).length < NotesWire.MAX_FRAME));
        members.connect("ana", "ben");
        members.deliver();
        assertEquals(chapter, ben.text(note.id()), "no character split between two edits");
    }

    @Test
    void whereAMemberIsFollowsTheTextAndGoesWithThem() throws Exception {
        Note note = ana.create("Agenda", List.of(ben.self()));
        members.connect("ana", "ben");
        ana.append(note.id(), "Hello world");
        members.deliver();
        ben.moveTo(note.id(), ben.snapshot(note.id()).ids().get(4));
        members.deliver();
        assertEquals(Map.of(ben.self(), 5), ana.snapshot(note.id()).others(), "ben's cursor is after the 'o' of Hello");
        assertEquals(Map.of(), ben.snapshot(note.id()).others(), "a node does not show its own user");

        ana.edit(note.id(), 0, 0, "Oh, ");
        assertEquals(Map.of(ben.self(), 9), ana.snapshot(note.id()).others(), "what ana types before it moves it on");
        ana.edit(note.id(), 4, 5, "");
        assertEquals("Oh,  world", ana.text(note.id()));
        assertEquals(Map.of(ben.self(), 4), ana.snapshot(note.id()).others(), "the character it followed deleted, it stays where that was");

        ben.moveOut();
        members.deliver();
        assertEquals(Map.of(), ana.snapshot(note.id()).others(), "ben left the note");
        ben.moveTo(note.id(), CharId.START);
        members.deliver();
        assertEquals(Map.of(ben.self(), 0), ana.snapshot(note.id()).others());
        members.disconnect("ana", "ben");
        assertEquals(Map.of(), ana.snapshot(note.id()).others(), "gone with the connection: no cursor left behind");
        members.connect("ana", "ben");
        members.deliver();
        assertEquals(Map.of(ben.self(), 0), ana.snapshot(note.id()).others(), "told again when they meet again");
    }

    @Test
    void placesAreTakenOnlyFromMembersOneNoteAtATime() throws Exception {
        Note agenda = ana.create("Agenda", List.of(ben.self()));
        Note minutes = ana.create("Minutes", List.of(ben.self()));
        members.connect("ana", "ben");
        members.deliver();
        ana.placed(cai.self(), new NotesWire.Placed(agenda.id(), Optional.of(CharId.START)), "cai's stream");
        assertEquals(Map.of(), ana.snapshot(agenda.id()).others(), "cai is no member");

        ben.moveTo(agenda.id(), CharId.START);
        members.deliver();
        ben.moveTo(minutes.id(), CharId.START);
        members.deliver();
        assertEquals(Map.of(), ana.snapshot(agenda.id()).others(), "ben moved on to another note");
        assertEquals(Map.of(ben.self(), 0), ana.snapshot(minutes.id()).others());
        assertEquals(List.of(new NotesWire.Placed(minutes.id(), Optional.of(CharId.START))), ben.placesFor(ana.self()));
        assertEquals(List.of(), ben.placesFor(cai.self()), "cai is told nothing of a note it is no member of");

        ana.placed(ben.self(), new NotesWire.Placed(minutes.id(), Optional.of(CharId.START)), "ben's new stream");
        ana.gone(ben.self(), "ben's old stream");
        assertEquals(Map.of(ben.self(), 0), ana.snapshot(minutes.id()).others(), "an old stream ending takes nothing a new one told");
        ana.unshare(minutes.id(), ben.self());
        assertEquals(Map.of(), ana.snapshot(minutes.id()).others(), "taken off the note, ben is no longer shown in it");
    }

    @Test
    void membersWhoMeetOnlyThroughAnotherSeeWhereEachOtherIs() throws Exception {
        Note note = ana.create("Agenda", List.of(ben.self(), cai.self()));
        members.connect("ana", "ben");
        ana.append(note.id(), "Hello world");
        members.deliver();
        ben.moveTo(note.id(), ben.snapshot(note.id()).ids().get(4));
        members.deliver();
        members.connect("ana", "cai");
        members.deliver();
        assertEquals(Map.of(ben.self(), 5), cai.snapshot(note.id()).others(), "ana tells cai, who connects later, where ben is");

        ben.moveTo(note.id(), CharId.START);
        members.deliver();
        assertEquals(Map.of(ben.self(), 0), cai.snapshot(note.id()).others(), "and where he moves, as he does");
        cai.moveTo(note.id(), cai.snapshot(note.id()).ids().get(10));
        members.deliver();
        assertEquals(Map.of(cai.self(), 11), ben.snapshot(note.id()).others(), "both ways");

        members.connect("ben", "cai");
        ben.moveTo(note.id(), ben.snapshot(note.id()).ids().get(0));
        members.deliver();
        members.disconnect("ana", "ben");
        members.deliver();
        assertEquals(Map.of(ben.self(), 1), cai.snapshot(note.id()).others(), "ben's own word stays while ben and cai are connected");
        members.connect("ana", "ben");
        members.deliver();
        members.disconnect("ben", "cai");
        assertEquals(Map.of(ben.self(), 1), cai.snapshot(note.id()).others(), "what ana passes on stays when ben's own link goes");
        members.disconnect("ana", "ben");
        members.deliver();
        assertEquals(Map.of(), cai.snapshot(note.id()).others(), "ben gone from ana, ana tells cai: no cursor left behind");
        assertEquals(Map.of(cai.self(), 11), ana.snapshot(note.id()).others());

        ana.passed(ben.self(), new NotesWire.PassedPlace(note.id(), cai.self(), Optional.of(CharId.START)), "ben's stream");
        ana.passed(cai.self(), new NotesWire.PassedPlace(note.id(), ana.self(), Optional.of(CharId.START)), "cai's stream");
        ana.unshare(note.id(), ben.self());
        cai.passed(ana.self(), new NotesWire.PassedPlace(note.id(), ben.self(), Optional.of(CharId.START)), "ana's stream");
        assertEquals(Map.of(cai.self(), 11), ana.snapshot(note.id()).others(), "cai's own word counts over what ben says, and ana's own place is hers");
        members.deliver();
        assertEquals(Map.of(), cai.snapshot(note.id()).others(), "no member is placed where its owner took it off");
    }

    @Test
    void aMemberWhoLeavesIsTakenOffWhenTheOwnerIsReachedAndNotGivenTheNoteBackMeanwhile() throws Exception {
        Note note = ana.create("Budget", List.of(ben.self(), cai.self()));
        members.connect("ana", "ben");
        members.connect("ana", "cai");
        members.connect("ben", "cai");
        members.deliver();
        members.disconnect("ana", "ben");
        assertTrue(assertThrows(NoteException.class, () -> ben.remove(note.id())).getMessage().contains("leave it instead"));
        assertTrue(assertThrows(NoteException.class, () -> ana.leave(note.id())).getMessage().contains("is yours"));

        ben.leave(note.id());
        assertEquals(List.of(), ben.notes(), "forgotten at once");
        members.deliver();
        members.disconnect("ben", "cai");
        members.connect("ben", "cai");
        members.deliver();
        assertEquals(List.of(), ben.notes(), "cai, who still counts ben a member, does not give it back");
        assertTrue(ana.notes().get(0).isMember(ben.self()), "ana has not heard yet");

        members.connect("ana", "ben");
        members.deliver();
        assertEquals(List.of(ana.self(), cai.self()), ana.notes().get(0).members(), "reached, ana's node takes ben off");
        assertEquals(List.of(ana.self(), cai.self()), cai.notes().get(0).members());
        assertEquals(List.of(), ben.notes());
        assertEquals(List.of(), ben.leavingFor(ana.self()), "taken off, ben has nothing more to tell ana");

        ana.share(note.id(), List.of(ben.self()));
        members.deliver();
        assertEquals(List.of(note.id()), ben.notes().stream().map(Note::id).toList(), "shared again by its owner, it comes back");
    }

    private Edit lastEdit(Note note) throws Exception {
        List<Edit> edits = new NoteStore(new EmbeddedStorage(home.resolve("ana"))).edits(note.id());
        return edits.get(edits.size() - 1);
    }
}
