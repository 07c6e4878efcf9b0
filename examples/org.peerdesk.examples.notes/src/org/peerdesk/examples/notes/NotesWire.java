package org.peerdesk.examples.notes;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Utf8;

/**
 * The notes protocol on a stream, one way: the node that opens it offers the notes it shares with the peer (with each note's
 * description as its owner signed it, and how far it has each author's edits), the peer answers how far it has each (and
 * the newer description it has of any, which tells a member taken off a note that it was), and
 * the opener sends the edits the peer lacks, then each new one as it comes, each new description, and where its user's
 * cursor is in a note they share (and where the members that told it so are), and to a note's owner, that its user left the note. A frame of a kind this version does not know is skipped, so that a later one can add
 * kinds that nodes of this one pass over.
 * <pre>
 * frame     kind (u8), length (int, at most {@link #MAX_FRAME}), then as its kind
 * OFFER     count (u16), each: note ID (16), described (byte), a DESCRIBE's fields if so, a version
 * WANT      count (u16), each: note ID (16), a version; then count (u16), each a DESCRIBE's fields: newer descriptions
 *           of offered notes than the offer had
 * EDIT      note ID (16), author (32), seq (8), count (u16), each op: INSERT (1): after's counter (8) and author (32),
 *           first counter (8), text (int length, UTF-8); or DELETE (2): author (32), first counter (8), count (int)
 * DESCRIBE  note ID (16), title (u16 length, UTF-8), owner (32), clock (8), count (u16), members (each: peer ID (32), the
 *           name the owner knows it by (u8 length, UTF-8, at most {@link Note#MAX_NAME_CHARS} characters)), the owner's
 *           public key (u16 length, X.509), its signature (u16 length) of everything from the note ID to the members
 * PLACE     note ID (16), at (byte): 1 and the character the cursor follows (counter (8), author (32)), or 0 where the
 *           user left the note
 * LEAVE     note ID (16): to the note's owner, from a member who leaves it
 * PASSED    note ID (16), member (32), then as PLACE's at: where another member is, passed on by a node it told
 * version   count (u16), each: author (32), seq (8)
 * </pre>
 * Reading checks every length and limit before it allocates.
 */
final class NotesWire {

    static final int MAX_FRAME = 1 << 20;
    static final int MAX_NOTES = 10_000;
    static final int MAX_AUTHORS = 1024;
    static final int MAX_OPS = 10_000;

    private static final byte OFFER = 1;
    private static final byte WANT = 2;
    private static final byte EDIT = 3;
    private static final byte DESCRIBE = 4;
    private static final byte PLACE = 5;
    private static final byte LEAVE = 6;
    private static final byte PASSED_PLACE = 7;
    private static final byte INSERT = 1;
    private static final byte DELETE = 2;

    private NotesWire() {
    }

    /** What one frame says. */
    sealed interface Frame permits Offer, Want, Edited, Described, Placed, PassedPlace, Left {
    }

    /** The notes the opener shares with the peer. */
    record Offer(List<Offered> notes) implements Frame {
        Offer {
            notes = List.copyOf(notes);
        }
    }

    /** One note offered: its owner's description, and how far the opener has each author's edits. */
    record Offered(String noteId, Optional<SignedNote> note, Map<PeerId, Long> version) {
        Offered {
            version = Map.copyOf(version);
        }
    }

    /**
     * How far the peer has each offered note it wants (notes it does not want are left out), and the newer descriptions it
     * has of offered notes.
     */
    record Want(Map<String, Map<PeerId, Long>> versions, List<SignedNote> newer) implements Frame {
        Want {
            versions = Map.copyOf(versions);
            newer = List.copyOf(newer);
        }
    }

    record Edited(String noteId, Edit edit) implements Frame {
    }

    /** A note's new description, as its owner signed it. */
    record Described(SignedNote note) implements Frame {
    }

    /** The sender's user left the note, to its owner: take the sender off it. */
    record Left(String noteId) implements Frame {
    }

    /** Where the sender's user is in a note: after the character {@code after} ({@link CharId#START} for the beginning), or gone from it. */
    record Placed(String noteId, Optional<CharId> after) implements Frame {
    }

    /** Where another member is in a note, as that member's node told the sender, which passes it on to members it reaches. */
    record PassedPlace(String noteId, PeerId member, Optional<CharId> after) implements Frame {
    }

    static void write(DataOutputStream out, Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream payload = new DataOutputStream(bytes);
        byte kind = switch (frame) {
            case Offer offer -> {
                payload.writeShort(offer.notes().size());
                for (Offered offered : offer.notes()) {
                    payload.write(HexFormat.of().parseHex(offered.noteId()));
                    payload.writeByte(offered.note().isPresent() ? 1 : 0);
                    if (offered.note().isPresent()) {
                        describe(payload, offered.note().get());
                    }
                    version(payload, offered.version());
                }
                yield OFFER;
            }
            case Want want -> {
                payload.writeShort(want.versions().size());
                for (Map.Entry<String, Map<PeerId, Long>> each : want.versions().entrySet()) {
                    payload.write(HexFormat.of().parseHex(each.getKey()));
                    version(payload, each.getValue());
                }
                payload.writeShort(want.newer().size());
                for (SignedNote newer : want.newer()) {
                    payload.write(HexFormat.of().parseHex(newer.note().id()));
                    describe(payload, newer);
                }
                yield WANT;
            }
            case Edited edited -> {
                payload.write(HexFormat.of().parseHex(edited.noteId()));
                edit(payload, edited.edit());
                yield EDIT;
            }
            case Described described -> {
                payload.write(HexFormat.of().parseHex(described.note().note().id()));
                describe(payload, described.note());
                yield DESCRIBE;
            }
            case Placed placed -> {
                payload.write(HexFormat.of().parseHex(placed.noteId()));
                at(payload, placed.after());
                yield PLACE;
            }
            case PassedPlace passed -> {
                payload.write(HexFormat.of().parseHex(passed.noteId()));
                payload.write(passed.member().bytes());
                at(payload, passed.after());
                yield PASSED_PLACE;
            }
            case Left left -> {
                payload.write(HexFormat.of().parseHex(left.noteId()));
                yield LEAVE;
            }
        };
        if (bytes.size() > MAX_FRAME) {
            throw new IllegalArgumentException("a frame of " + bytes.size() + " bytes is over the limit");
        }
        out.writeByte(kind);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    /** The edit as it is stored: as in an EDIT frame, from its author on. */
    static byte[] encode(Edit edit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            edit(new DataOutputStream(bytes), edit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Edit decode(byte[] stored) throws InvalidInputException {
        ByteBuffer in = ByteBuffer.wrap(stored);
        try {
            Edit edit = edit(in);
            end(in);
            return edit;
        } catch (BufferUnderflowException e) {
            throw new InvalidInputException("a stored edit is cut short");
        }
    }

    /**
     * The next frame, or empty at the end of the stream.
     *
     * @throws InvalidInputException for a frame that is malformed or over a limit
     */
    static Optional<Frame> read(DataInputStream in) throws IOException, InvalidInputException {
        for (int kind = in.read(); kind >= 0; kind = in.read()) {
            int length = in.readInt();
            if (length < 0 || length > MAX_FRAME) {
                throw new InvalidInputException("a frame of " + length + " bytes is over the limit of " + MAX_FRAME);
            }
            ByteBuffer payload = ByteBuffer.wrap(in.readNBytes(length));
            if (payload.capacity() < length) {
                throw new InvalidInputException("the stream ended inside a frame");
            }
            Optional<Frame> frame = frame(kind, payload);
            if (frame.isPresent()) {
                return frame;
            }
        }
        return Optional.empty();
    }

    /** The frame of this kind the payload holds, or empty for a kind this version does not know. */
    private static Optional<Frame> frame(int kind, ByteBuffer payload) throws InvalidInputException {
        try {
            Frame frame = switch (kind) {
                case OFFER -> offer(payload);
                case WANT -> want(payload);
                case EDIT -> new Edited(noteId(payload), edit(payload));
                case DESCRIBE -> new Described(description(noteId(payload), payload));
                case PLACE -> new Placed(noteId(payload), at(payload));
                case PASSED_PLACE -> new PassedPlace(noteId(payload), peer(payload), at(payload));
                case LEAVE -> new Left(noteId(payload));
                default -> null;
            };
            if (frame != null) {
                end(payload);
            }
            return Optional.ofNullable(frame);
        } catch (BufferUnderflowException e) {
            throw new InvalidInputException("a frame is shorter than what it says it holds");
        }
    }

    private static Offer offer(ByteBuffer in) throws InvalidInputException {
        int count = count(in, MAX_NOTES, "notes");
        List<Offered> notes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = noteId(in);
            Optional<SignedNote> note = switch (in.get()) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(description(id, in));
                default -> throw new InvalidInputException("an offered note is neither described nor not");
            };
            notes.add(new Offered(id, note, version(in)));
        }
        return new Offer(notes);
    }

    private static Want want(ByteBuffer in) throws InvalidInputException {
        int count = count(in, MAX_NOTES, "notes");
        Map<String, Map<PeerId, Long>> versions = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            versions.put(noteId(in), version(in));
        }
        int described = count(in, MAX_NOTES, "descriptions");
        List<SignedNote> newer = new ArrayList<>(described);
        for (int i = 0; i < described; i++) {
            newer.add(description(noteId(in), in));
        }
        return new Want(versions, newer);
    }

    /** What the owner signs of a note's description. */
    static byte[] signed(Note note) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(HexFormat.of().parseHex(note.id()));
            fields(out, note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void describe(DataOutputStream out, SignedNote signed) throws IOException {
        fields(out, signed.note());
        out.writeShort(signed.ownerKey().length);
        out.write(signed.ownerKey());
        out.writeShort(signed.signature().length);
        out.write(signed.signature());
    }

    private static void fields(DataOutputStream out, Note note) throws IOException {
        byte[] title = note.title().getBytes(StandardCharsets.UTF_8);
        out.writeShort(title.length);
        out.write(title);
        out.write(note.owner().bytes());
        out.writeLong(note.clock());
        out.writeShort(note.members().size());
        for (PeerId member : note.members()) {
            out.write(member.bytes());
            byte[] name = note.names().getOrDefault(member, "").getBytes(StandardCharsets.UTF_8);
            out.writeByte(name.length);
            out.write(name);
        }
    }

    private static SignedNote description(String id, ByteBuffer in) throws InvalidInputException {
        String title = Note.checkedTitle(utf8(take(in, in.getShort() & 0xffff)));
        PeerId owner = peer(in);
        long clock = in.getLong();
        int count = count(in, Note.MAX_MEMBERS, "members");
        List<PeerId> members = new ArrayList<>(count);
        Map<PeerId, String> names = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            PeerId member = peer(in);
            members.add(member);
            String name = utf8(take(in, in.get() & 0xff));
            if (name.length() > Note.MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("note " + id + " names a member with more than a short line");
            }
            if (!name.isEmpty()) {
                names.put(member, name);
            }
        }
        if (!members.contains(owner)) {
            throw new InvalidInputException("note " + id + " leaves its own owner out of its members");
        }
        byte[] key = take(in, limited(in.getShort() & 0xffff, SignedNote.MAX_KEY_BYTES, "key"));
        byte[] signature = take(in, limited(in.getShort() & 0xffff, SignedNote.MAX_SIGNATURE_BYTES, "signature"));
        return new SignedNote(new Note(id, title, owner, members, names, clock), key, signature);
    }

    private static void version(DataOutputStream out, Map<PeerId, Long> version) throws IOException {
        out.writeShort(version.size());
        for (Map.Entry<PeerId, Long> each : version.entrySet()) {
            out.write(each.getKey().bytes());
            out.writeLong(each.getValue());
        }
    }

    private static Map<PeerId, Long> version(ByteBuffer in) throws InvalidInputException {
        int count = count(in, MAX_AUTHORS, "authors");
        Map<PeerId, Long> version = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            PeerId author = peer(in);
            long seq = in.getLong();
            if (seq < 0) {
                throw new InvalidInputException("a version counts " + seq + " edits");
            }
            version.put(author, seq);
        }
        return version;
    }

    private static void edit(DataOutputStream out, Edit edit) throws IOException {
        out.write(edit.author().bytes());
        out.writeLong(edit.seq());
        out.writeShort(edit.ops().size());
        for (Edit.Op op : edit.ops()) {
            switch (op) {
                case Edit.Insert insert -> {
                    out.writeByte(INSERT);
                    charId(out, insert.after());
                    out.writeLong(insert.first());
                    byte[] text = insert.text().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                }
                case Edit.Delete delete -> {
                    out.writeByte(DELETE);
                    out.write(delete.author().bytes());
                    out.writeLong(delete.first());
                    out.writeInt(delete.count());
                }
            }
        }
    }

    private static Edit edit(ByteBuffer in) throws InvalidInputException {
        PeerId author = peer(in);
        long seq = in.getLong();
        if (seq < 1) {
            throw new InvalidInputException("an edit numbered " + seq);
        }
        int count = count(in, MAX_OPS, "changes");
        List<Edit.Op> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ops.add(switch (in.get()) {
                case INSERT -> new Edit.Insert(charId(in), in.getLong(), utf8(take(in, in.getInt())));
                case DELETE -> new Edit.Delete(peer(in), in.getLong(), in.getInt());
                default -> throw new InvalidInputException("an edit's change is neither typing nor deleting");
            });
        }
        return new Edit(author, seq, ops);
    }

    private static void charId(DataOutputStream out, CharId id) throws IOException {
        out.writeLong(id.counter());
        out.write(id.author().bytes());
    }

    private static CharId charId(ByteBuffer in) {
        return new CharId(in.getLong(), peer(in));
    }

    /** Where a place is: 1 and the character the cursor follows, or 0 for gone from the note. */
    private static void at(DataOutputStream out, Optional<CharId> after) throws IOException {
        out.writeByte(after.isPresent() ? 1 : 0);
        if (after.isPresent()) {
            charId(out, after.get());
        }
    }

    private static Optional<CharId> at(ByteBuffer in) throws InvalidInputException {
        return switch (in.get()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(charId(in));
            default -> throw new InvalidInputException("a place is neither in the note nor gone from it");
        };
    }

    private static String noteId(ByteBuffer in) {
        return HexFormat.of().formatHex(take(in, Note.ID_BYTES));
    }

    private static PeerId peer(ByteBuffer in) {
        return new PeerId(take(in, PeerId.LENGTH));
    }

    private static int limited(int length, int most, String what) throws InvalidInputException {
        if (length > most) {
            throw new InvalidInputException("a " + what + " of " + length + " bytes, over the limit of " + most);
        }
        return length;
    }

    private static int count(ByteBuffer in, int most, String what) throws InvalidInputException {
        int count = in.getShort() & 0xffff;
        if (count > most) {
            throw new InvalidInputException("a frame lists " + count + " " + what + ", over the limit of " + most);
        }
        return count;
    }

    private static byte[] take(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String utf8(byte[] bytes) throws InvalidInputException {
        return Utf8.decode(bytes).orElseThrow(() -> new InvalidInputException("a text is not UTF-8"));
    }

    private static void end(ByteBuffer in) throws InvalidInputException {
        if (in.hasRemaining()) {
            throw new InvalidInputException("a frame has " + in.remaining() + " bytes more than it holds");
        }
    }
}
