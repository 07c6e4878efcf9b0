package org.peerdesk.examples.notes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.core.ShellWords;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerNames;

/**
 * {@code ./peerdesk notes}: lists the shared notes, and with a word after it makes one, shares it, shows it, adds a line
 * to it, leaves it or forgets it.
 */
@Component(service = NodeCommand.class)
public final class NotesCommand implements NodeCommand {

    private static final String USAGE = "notes | notes new TITLE [PEER...] | notes show NOTE | notes append NOTE TEXT"
            + " | notes share NOTE PEER... | notes unshare NOTE PEER | notes leave NOTE | notes remove NOTE";

    private final Notes notes;
    private final PeerDirectory directory;

    @Activate
    public NotesCommand(@Reference Notes notes, @Reference PeerDirectory directory) {
        this.notes = notes;
        this.directory = directory;
    }

    @Override
    public String word() {
        return "notes";
    }

    @Override
    public String arguments() {
        return "[new TITLE [PEER...] | show NOTE | append NOTE TEXT | share NOTE PEER... | unshare NOTE PEER | leave NOTE | remove NOTE]";
    }

    @Override
    public String summary() {
        return "lists, makes and edits notes that peers write together, each shared with the peers its owner chooses";
    }

    @Override
    public Answer run(List<String> arguments) throws PeerdeskException {
        NoteBook book = notes.book();
        if (arguments.isEmpty()) {
            return list(book);
        }
        List<String> rest = arguments.subList(1, arguments.size());
        return switch (arguments.get(0)) {
            case "new" -> {
                need(!rest.isEmpty(), "notes new TITLE [PEER...]");
                Note note = book.create(rest.get(0), peers(rest.subList(1, rest.size())));
                yield new Answer("Made \"" + note.title() + "\" (" + note.shortId() + ")" + sharedLine(note, book.self())
                        + ". Write in it in the desktop's Notes view, or: peerdesk notes append " + ShellWords.quoted(note.title()) + " TEXT",
                        describe(note, book));
            }
            case "show" -> {
                need(rest.size() == 1, "notes show NOTE");
                Note note = book.named(rest.get(0));
                String text = book.text(note.id());
                yield new Answer(text.isEmpty() ? "(\"" + note.title() + "\" is empty)" : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text,
                        Map.of("note", describe(note, book), "text", text));
            }
            case "append" -> {
                need(rest.size() >= 2, "notes append NOTE TEXT");
                Note note = book.named(rest.get(0));
                book.append(note.id(), String.join(" ", rest.subList(1, rest.size())));
                yield new Answer("Added a line to \"" + note.title() + "\"" + (note.others(book.self()).isEmpty() ? "."
                        : "; its other members get it as soon as their nodes are reached."), describe(note, book));
            }
            case "share" -> {
                need(rest.size() >= 2, "notes share NOTE PEER...");
                Note shared = book.share(book.named(rest.get(0)).id(), peers(rest.subList(1, rest.size())));
                yield new Answer("\"" + shared.title() + "\"" + sharedLine(shared, book.self()) + ".", describe(shared, book));
            }
            case "unshare" -> {
                need(rest.size() == 2, "notes unshare NOTE PEER");
                Note unshared = book.unshare(book.named(rest.get(0)).id(), peers(rest.subList(1, 2)).get(0));
                yield new Answer("\"" + unshared.title() + "\"" + sharedLine(unshared, book.self())
                        + ". The peer keeps its copy as it is now.", describe(unshared, book));
            }
            case "leave" -> {
                need(rest.size() == 1, "notes leave NOTE");
                Note note = book.named(rest.get(0));
                book.leave(note.id());
                yield new Answer("Left \"" + note.title() + "\" and forgot it here; " + notes.nameOf(note, note.owner())
                        + "'s node takes you off it " + (notes.inStep(note.owner()) ? "now." : "once it is reached."), Map.of("note", note.id()));
            }
            case "remove" -> {
                need(rest.size() == 1, "notes remove NOTE");
                Note note = book.named(rest.get(0));
                book.remove(note.id());
                yield new Answer("Forgot \"" + note.title() + "\" here" + (note.owner().equals(book.self()) && !note.others(book.self()).isEmpty()
                        ? "; its members keep their copies, no longer kept in step." : "."), Map.of("note", note.id()));
            }
            default -> throw new InvalidInputException("notes takes: " + USAGE);
        };
    }

    private Answer list(NoteBook book) throws PeerdeskException {
        List<Note> all = book.notes();
        if (all.isEmpty()) {
            return new Answer("No notes yet. Make one: peerdesk notes new TITLE [PEER...]", Map.of("notes", List.of()));
        }
        StringBuilder text = new StringBuilder();
        List<Object> data = new ArrayList<>();
        for (Note note : all) {
            text.append(note.shortId()).append("  \"").append(note.title()).append("\"  ").append(book.text(note.id()).length())
                    .append(" characters").append(sharedLine(note, book.self())).append('\n');
            data.add(describe(note, book));
        }
        return new Answer(text.toString().stripTrailing(), Map.of("notes", data));
    }

    /**
     * ", shared with Ben (in step), Cai" for a note of the user's, ", by Ana (in it, line 3), shared with you, Cai" for
     * another's: "in step" where a stream keeps the note in step with that peer now, "in it" where its user is in the note.
     */
    private String sharedLine(Note note, PeerId self) throws PeerdeskException {
        if (!note.isMember(self)) {
            return ", by " + notes.nameOf(note, note.owner()) + ", no longer shared with you";
        }
        Map<PeerId, Integer> lines = linesOfOthers(note);
        List<String> sharedWith = note.members().stream().filter(peer -> !peer.equals(note.owner()))
                .map(peer -> marked(note, peer, lines)).toList();
        String with = sharedWith.isEmpty() ? ", not shared yet" : ", shared with " + String.join(", ", sharedWith);
        return note.owner().equals(self) ? with : ", by " + marked(note, note.owner(), lines) + with;
    }

    private String marked(Note note, PeerId peer, Map<PeerId, Integer> lines) {
        return notes.nameOf(note, peer) + (lines.containsKey(peer) ? " (in it, line " + lines.get(peer) + ")"
                : notes.inStep(peer) ? " (in step)" : "");
    }

    /** The line each other member whose user is in the note is on, counted from 1. */
    private Map<PeerId, Integer> linesOfOthers(Note note) throws PeerdeskException {
        NoteBook.Snapshot now = notes.book().snapshot(note.id());
        Map<PeerId, Integer> lines = new LinkedHashMap<>();
        now.others().forEach((peer, offset) -> lines.put(peer, (int) now.text().substring(0, offset).chars().filter(c -> c == '\n').count() + 1));
        return lines;
    }

    private Map<String, Object> describe(Note note, NoteBook book) throws PeerdeskException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", note.id());
        data.put("title", note.title());
        data.put("owner", note.owner().toString());
        data.put("ownerName", notes.nameOf(note, note.owner()));
        Map<PeerId, Integer> lines = note.isMember(book.self()) ? linesOfOthers(note) : Map.of();
        data.put("members", note.members().stream().map(peer -> member(note, peer, lines.get(peer))).toList());
        data.put("shared", note.isMember(book.self()));
        data.put("length", book.text(note.id()).length());
        return data;
    }

    /** A member as JSON: its ID, its name, and the line its user is on where it is in the note now. */
    private Map<String, Object> member(Note note, PeerId peer, Integer line) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("peer", peer.toString());
        member.put("name", notes.nameOf(note, peer));
        if (line != null) {
            member.put("line", line);
        }
        return member;
    }

    private List<PeerId> peers(List<String> named) throws PeerdeskException {
        List<PeerId> peers = new ArrayList<>();
        for (String each : named) {
            try {
                peers.add(PeerNames.one(each, directory.peers()));
            } catch (InvalidInputException unknown) {
                throw new NoteException(unknown.getMessage() + " Add the peer first (peerdesk invite, or peerdesk introduce).");
            }
        }
        return peers;
    }

    private static void need(boolean given, String usage) throws InvalidInputException {
        if (!given) {
            throw new InvalidInputException("It takes: " + usage);
        }
    }
}
