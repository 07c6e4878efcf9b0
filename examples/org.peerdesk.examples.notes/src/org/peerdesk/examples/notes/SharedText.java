package org.peerdesk.examples.notes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;

/**
 * The text of a shared note, as a replicated growable array: every character ever typed keeps its place by its ID, and a
 * deleted one stays behind unseen, so that edits made on several nodes at once leave the same text on every node
 * whatever order they come in, as long as each comes after the edits it refers to (each author's in its own order). A
 * character goes right after the one it was typed after, past those typed there with greater IDs: those were typed
 * later, by someone who saw it, or at the same moment elsewhere, and the order of IDs settles it the same way everywhere.
 * Not thread-safe: its owner holds a lock.
 */
final class SharedText {

    /** The most characters a note holds, deleted ones aside. */
    static final int MAX_CHARS = 1_000_000;

    private static final class Node {
        final CharId id;
        final char value;
        boolean deleted;
        Node next;

        Node(CharId id, char value) {
            this.id = id;
            this.value = value;
        }
    }

    private final Node start = new Node(CharId.START, '\0');
    private final Map<CharId, Node> nodes = new HashMap<>();
    /** The highest counter of any character here: a character typed here gets a higher one. */
    private long counter;
    private int length;

    /** How many characters the text has (deleted ones aside). */
    int length() {
        return length;
    }

    String text() {
        StringBuilder text = new StringBuilder(length);
        for (Node node = start.next; node != null; node = node.next) {
            if (!node.deleted) {
                text.append(node.value);
            }
        }
        return text.toString();
    }

    /**
     * Applies an edit, whole or not at all.
     *
     * @throws InvalidInputException for an edit that refers to a character this text does not have, makes one it has
     *         already, or would make the text longer than {@value #MAX_CHARS} characters
     */
    void apply(Edit edit) throws InvalidInputException {
        check(edit);
        for (Edit.Op op : edit.ops()) {
            switch (op) {
                case Edit.Insert insert -> insert(edit.author(), insert);
                case Edit.Delete delete -> delete(delete);
            }
        }
    }

    /** The IDs of the characters of the text, in their order: the first is the ID of the text's first character. */
    List<CharId> ids() {
        List<CharId> ids = new ArrayList<>(length);
        for (Node node = start.next; node != null; node = node.next) {
            if (!node.deleted) {
                ids.add(node.id);
            }
        }
        return ids;
    }

    /**
     * Where in the text a cursor right after the character {@code after} is: how many characters (deleted ones aside) come
     * before it. A deleted character leaves the cursor where it was; one the text does not have gives nothing.
     */
    OptionalInt offsetAfter(CharId after) {
        if (after.equals(CharId.START)) {
            return OptionalInt.of(0);
        }
        if (!nodes.containsKey(after)) {
            return OptionalInt.empty();
        }
        int offset = 0;
        for (Node node = start.next; !node.id.equals(after); node = node.next) {
            offset += node.deleted ? 0 : 1;
        }
        return OptionalInt.of(offset + (nodes.get(after).deleted ? 0 : 1));
    }

    /**
     * The edit, by {@code author} as its {@code seq}th, that deletes the characters {@code deleted} and types
     * {@code inserted} after the character {@code after} ({@link CharId#START} for the beginning); applied here already.
     * Characters are named by their IDs, so that an edit made against what the user saw lands where the user meant, whatever
     * came from other members meanwhile.
     *
     * @throws InvalidInputException where the text has no such characters, or would grow too long
     */
    Edit change(PeerId author, long seq, CharId after, List<CharId> deleted, String inserted) throws InvalidInputException {
        List<Edit.Op> ops = new ArrayList<>(deletions(deleted));
        if (!inserted.isEmpty()) {
            ops.add(new Edit.Insert(after, counter + 1, inserted));
        }
        Edit edit = new Edit(author, seq, ops);
        apply(edit);
        return edit;
    }

    /** Deletions of these characters, one for each run of an author's characters with counters one after the other. */
    private static List<Edit.Delete> deletions(List<CharId> deleted) {
        List<Edit.Delete> runs = new ArrayList<>();
        for (int i = 0; i < deleted.size();) {
            CharId first = deleted.get(i);
            int count = 1;
            while (i + count < deleted.size() && deleted.get(i + count).equals(new CharId(first.counter() + count, first.author()))) {
                count++;
            }
            runs.add(new Edit.Delete(first.author(), first.counter(), count));
            i += count;
        }
        return runs;
    }

    private void check(Edit edit) throws InvalidInputException {
        Set<CharId> made = new HashSet<>();
        long growth = 0;
        for (Edit.Op op : edit.ops()) {
            switch (op) {
                case Edit.Insert insert -> {
                    if (!insert.after().equals(CharId.START) && !nodes.containsKey(insert.after()) && !made.contains(insert.after())) {
                        throw new InvalidInputException("an edit types after a character this node does not have");
                    }
                    if (insert.first() < 1 || insert.text().isEmpty() || insert.first() > Long.MAX_VALUE - insert.text().length()) {
                        throw new InvalidInputException("an edit types characters without IDs to give them");
                    }
                    if (!wholeCharacters(insert.text())) {
                        throw new InvalidInputException("an edit types half of a character");
                    }
                    for (int i = 0; i < insert.text().length(); i++) {
                        CharId id = new CharId(insert.first() + i, edit.author());
                        if (nodes.containsKey(id) || !made.add(id)) {
                            throw new InvalidInputException("an edit types a character this node has already");
                        }
                    }
                    growth += insert.text().length();
                }
                case Edit.Delete delete -> {
                    if (delete.count() < 1 || delete.first() < 1 || delete.first() > Long.MAX_VALUE - delete.count()) {
                        throw new InvalidInputException("an edit deletes no characters");
                    }
                    for (int i = 0; i < delete.count(); i++) {
                        CharId id = new CharId(delete.first() + i, delete.author());
                        if (!nodes.containsKey(id) && !made.contains(id)) {
                            throw new InvalidInputException("an edit deletes a character this node does not have");
                        }
                    }
                }
            }
        }
        if (length + growth > MAX_CHARS) {
            throw new InvalidInputException("a note holds at most " + MAX_CHARS + " characters");
        }
    }

    /** Whether every surrogate in {@code text} is one of a pair: what UTF-8 can carry to other nodes as it is. */
    private static boolean wholeCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private void insert(PeerId author, Edit.Insert insert) {
        Node after = insert.after().equals(CharId.START) ? start : nodes.get(insert.after());
        for (int i = 0; i < insert.text().length(); i++) {
            Node node = new Node(new CharId(insert.first() + i, author), insert.text().charAt(i));
            Node before = after;
            while (before.next != null && before.next.id.compareTo(node.id) > 0) {
                before = before.next;
            }
            node.next = before.next;
            before.next = node;
            nodes.put(node.id, node);
            counter = Math.max(counter, node.id.counter());
            length++;
            after = node;
        }
    }

    private void delete(Edit.Delete delete) {
        for (int i = 0; i < delete.count(); i++) {
            Node node = nodes.get(new CharId(delete.first() + i, delete.author()));
            if (!node.deleted) {
                node.deleted = true;
                length--;
            }
        }
    }
}
