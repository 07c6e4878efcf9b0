package org.peerdesk.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.examples.notes.NotesWire.Frame;

/** Frames as they cross the network: read back as written, and anything else refused with a reason. */
class NotesWireTest {

    @TempDir
    Path home;

    @Test
    void everyFrameReadsBackAsWritten() throws Exception {
        Members members = new Members(home);
        NoteBook ana = members.add("ana");
        NoteBook ben = members.add("ben");
        Note note = new Note(Note.newId(), "Plan", ana.self(), List.of(ana.self()), Map.of(ana.self(), "Ana's laptop"), 7);
        SignedNote signed = SignedNote.of(note, members.signer("ana"));
        Edit edit = new Edit(ana.self(), 3, List.of(new Edit.Insert(new CharId(4, ana.self()), 9, "héllo 🙂"), new Edit.Delete(ana.self(), 2, 2)));
        List<Frame> frames = List.of(new NotesWire.Offer(List.of(new NotesWire.Offered(note.id(), Optional.of(signed), Map.of(ana.self(), 3L)))),
                new NotesWire.Want(Map.of(note.id(), Map.of()), List.of(signed)), new NotesWire.Edited(note.id(), edit),
                new NotesWire.Described(signed), new NotesWire.Placed(note.id(), Optional.of(new CharId(12, ana.self()))),
                new NotesWire.Placed(note.id(), Optional.empty()), new NotesWire.Left(note.id()),
                new NotesWire.PassedPlace(note.id(), ben.self(), Optional.of(CharId.START)), new NotesWire.PassedPlace(note.id(), ben.self(), Optional.empty()));
        for (Frame frame : frames) {
            assertEquals(frame, read(bytes(frame)), frame.getClass().getSimpleName());
        }
        assertTrue(((NotesWire.Described) read(bytes(frames.get(3)))).note().valid(), "the signature survives the trip");
        assertEquals(edit, NotesWire.decode(NotesWire.encode(edit)), "as stored");
    }

    @Test
    void malformedFramesAreRefusedWithAReason() throws Exception {
        assertRefused(new byte[] {5, 0, 0, 0, 0}, "shorter than what it says");
        assertRefused(new byte[] {3, 0x7f, 0, 0, 0}, "over the limit");
        assertRefused(new byte[] {3, 0, 0, 0, 10, 1, 2}, "ended inside a frame");
        assertRefused(new byte[] {2, 0, 0, 0, 5, 0, 0, 0, 0, 7}, "more than it holds");
        assertRefused(new byte[] {2, 0, 0, 0, 2, (byte) 0xff, (byte) 0xff}, "over the limit of " + NotesWire.MAX_NOTES);
        byte[] edit = bytes(new NotesWire.Edited(Note.newId(), new Edit(new Members(home).add("x").self(), 1,
                List.of(new Edit.Insert(CharId.START, 1, "ab")))));
        edit[edit.length - 2] = (byte) 0xc3; // the start of a two-byte character, then "b"
        assertRefused(edit, "not UTF-8");
        assertEquals(Optional.empty(), NotesWire.read(new DataInputStream(new ByteArrayInputStream(new byte[0]))), "the end");
    }

    @Test
    void framesOfAKindALaterVersionAddsArePassedOver() throws Exception {
        Frame place = new NotesWire.Placed(Note.newId(), Optional.empty());
        byte[] later = {42, 0, 0, 0, 3, 1, 2, 3};
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(later);
        stream.write(bytes(place));
        stream.write(later);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream.toByteArray()));
        assertEquals(Optional.of(place), NotesWire.read(in), "the frame after one of an unknown kind");
        assertEquals(Optional.empty(), NotesWire.read(in), "an unknown kind at the end: the end");
        assertRefused(new byte[] {42, 0x7f, 0, 0, 0}, "over the limit");
    }

    @Test
    void randomBytesNeverGetPastTheChecks() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[1 + random.nextInt(200)];
            random.nextBytes(noise);
            noise[0] = (byte) (1 + random.nextInt(5));
            if (noise.length > 4) {
                noise[1] = 0;
                noise[2] = 0;
            }
            try {
                NotesWire.read(new DataInputStream(new ByteArrayInputStream(noise)));
            } catch (InvalidInputException | EOFException refused) {
                // as it should be
            }
        }
    }

    private static void assertRefused(byte[] frame, String why) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> read(frame));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    private static byte[] bytes(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NotesWire.write(new DataOutputStream(bytes), frame);
        return bytes.toByteArray();
    }

    private static Frame read(byte[] bytes) throws IOException, InvalidInputException {
        return NotesWire.read(new DataInputStream(new ByteArrayInputStream(bytes))).orElseThrow();
    }
}
