package org.peerdesk.examples.notes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The shared notes: a list of them, and the one chosen in an editor that shows what its other members type as they type
 * it, and where each of them is in it: a mark of the member's colour (the same on every member's screen), named for a few
 * seconds after it moves, as the name would hide the text above it.
 * What the user types goes to the note at once, named by the characters it goes between, so that it lands where it was
 * typed whatever came from the others meanwhile; where the user's cursor is goes to the others as it moves.
 */
public final class NotesPart {

    /** The colours that mark where the other members are, one for each member by its place in the note. */
    private static final RGB[] MARKS = {new RGB(0xc6, 0x28, 0x28), new RGB(0x15, 0x65, 0xc0), new RGB(0x2e, 0x7d, 0x32),
        new RGB(0xef, 0x6c, 0x00), new RGB(0x6a, 0x1b, 0x9a), new RGB(0x00, 0x83, 0x8f)};
    /** How long a member's mark is named after it moved. */
    private static final int NAMED_MILLIS = 3000;

    @Inject
    IEventBroker broker;

    @Inject
    @Optional
    @Service
    Notes notes;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private TableViewer list;
    private Button share;
    private Button remove;
    private Label heading;
    private Label members;
    private StyledText editor;
    private Label status;
    /** The note the editor shows, and the IDs of its characters, one for each character the editor holds. */
    private Note shown;
    private List<CharId> ids = new ArrayList<>();
    /** While the editor takes what came from others, which is no edit of the user's. */
    private boolean takingTheirs;
    /** Where the other members in the shown note are: how many characters come before each one's cursor. */
    private Map<PeerId, Integer> others = Map.of();
    /** When each of the others' marks last moved, for as long as it is named after that. */
    private final Map<PeerId, Long> movedAt = new HashMap<>();
    private final Runnable unname = () -> {
        if (!editor.isDisposed()) {
            editor.redraw();
        }
    };
    private Font nameFont;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.fillDefaults().applyTo(parent);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(left);
        Tables.button(left, "New note...", "notes.new", this::newNote);
        share = Tables.button(left, "Share...", "notes.share", this::share);
        remove = Tables.button(left, "Remove...", "notes.remove", this::remove);
        list = Tables.create(left, "notes.list");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).applyTo(list.getControl());
        Tables.column(list, Note.class, "Note", 160, Note::title);
        Tables.column(list, Note.class, "With", 140, this::withWhom);
        Tables.keyedBy(list, Note.class, Note::id);
        list.setContentProvider(ArrayContentProvider.getInstance());
        list.addSelectionChangedListener(event -> show(Tables.selected(list, Note.class)));

        Composite right = new Composite(sash, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(right);
        heading = WidgetIds.name(new Label(right, SWT.WRAP), "notes.heading");
        heading.setFont(JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(heading);
        members = WidgetIds.name(new Label(right, SWT.WRAP), "notes.members");
        GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(members);
        editor = WidgetIds.name(new StyledText(right, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER), "notes.editor");
        nameFont = new LocalResourceManager(JFaceResources.getResources(), editor)
                .create(FontDescriptor.createFrom(editor.getFont()).increaseHeight(-2));
        editor.setMargins(6, 2 + heightOf(nameFont), 6, 6); // room for the name of a mark on the first line
        GridDataFactory.fillDefaults().grab(true, true).applyTo(editor);
        status = WidgetIds.name(new Label(right, SWT.WRAP), "notes.status");
        GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(status);
        sash.setWeights(2, 3);
        if (notes == null) {
            heading.setText("The node is not running, so there are no notes to show.");
            editor.setEnabled(false);
            return;
        }
        editor.addVerifyListener(event -> {
            if (!takingTheirs && shown != null) {
                event.doit = typed(event.start, event.end, event.text);
            }
        });
        editor.addCaretListener(event -> {
            if (!takingTheirs) {
                moved(event.caretOffset);
            }
        });
        editor.addPaintListener(this::markOthers);
        UiEvents.follow(broker, Notes.CHANGED, editor, this::refresh);
        for (String topic : List.of(TransportTopics.PEER_CONNECTED, TransportTopics.PEER_DISCONNECTED)) {
            UiEvents.follow(broker, topic, editor, this::showMembers);
        }
        refresh();
    }

    /** The user typed {@code text} in place of the characters from {@code start} to {@code end}: the note takes it first. */
    private boolean typed(int start, int end, String text) {
        try {
            List<CharId> made = notes.book().edit(shown.id(), start == 0 ? CharId.START : ids.get(start - 1),
                    List.copyOf(ids.subList(start, end)), text);
            ids.subList(start, end).clear();
            ids.addAll(start, made);
            status.setText("");
            return true;
        } catch (PeerdeskException e) {
            status.setText("Not changed: " + e.getMessage());
            return false;
        }
    }

    /** The user's cursor moved in the editor: the others are told after which character of the shown note it is now. */
    private void moved(int offset) {
        try {
            if (shown == null || !shown.isMember(notes.book().self())) {
                notes.book().moveOut();
            } else if (offset <= ids.size()) {
                notes.book().moveTo(shown.id(), offset == 0 ? CharId.START : ids.get(offset - 1));
            }
        } catch (PeerdeskException e) {
            status.setText("The others cannot be told where you are: " + e.getMessage());
        }
    }

    @PreDestroy
    void moveOut() {
        if (notes != null) {
            try {
                notes.book().moveOut();
            } catch (PeerdeskException e) {
                // the view closes all the same; the others no longer show the user once the node stops
            }
        }
    }

    /** Marks where each other member in the note is: a bar of the member's colour before the next character, and the name. */
    private void markOthers(PaintEvent event) {
        GC gc = event.gc;
        gc.setFont(nameFont);
        for (Map.Entry<PeerId, Integer> other : others.entrySet()) {
            int offset = Math.min(other.getValue(), editor.getCharCount());
            Point at = editor.getLocationAtOffset(offset);
            int height = editor.getLineHeight(offset);
            gc.setBackground(markOf(other.getKey()));
            gc.fillRectangle(at.x - 1, at.y, 2, height);
            if (System.currentTimeMillis() - movedAt.getOrDefault(other.getKey(), 0L) < NAMED_MILLIS) {
                String name = notes.nameOf(shown, other.getKey());
                Point size = gc.textExtent(name);
                int top = at.y >= size.y ? at.y - size.y : at.y + height;
                gc.fillRectangle(at.x - 1, top, size.x + 4, size.y);
                gc.setForeground(editor.getDisplay().getSystemColor(SWT.COLOR_WHITE));
                gc.drawText(name, at.x + 1, top, true);
            }
        }
    }

    private int heightOf(Font font) {
        GC gc = new GC(editor);
        try {
            gc.setFont(font);
            return gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }

    /** Takes where the others are now, naming for a while the marks that moved since {@code before}. */
    private void takePlaces(Map<PeerId, Integer> before, Map<PeerId, Integer> now) {
        long at = System.currentTimeMillis();
        now.forEach((peer, offset) -> {
            if (!offset.equals(before.get(peer))) {
                movedAt.put(peer, at);
            }
        });
        movedAt.keySet().retainAll(now.keySet());
        others = now;
        editor.redraw();
        editor.getDisplay().timerExec(NAMED_MILLIS, unname);
    }

    /** The member's colour: chosen by its place among the note's members, which the owner signs, so the same everywhere. */
    private Color markOf(PeerId member) {
        RGB rgb = MARKS[Math.floorMod(shown.members().indexOf(member), MARKS.length)];
        return new Color(rgb);
    }

    private void refresh() {
        try {
            List<Note> all = notes.book().notes();
            list.setInput(all);
            shown = shown == null ? null : all.stream().filter(note -> note.id().equals(shown.id())).findFirst().orElse(null);
            if (shown == null && !all.isEmpty()) {
                list.setSelection(new org.eclipse.jface.viewers.StructuredSelection(all.get(0)));
            }
            takeTheirs(false);
            showShown();
        } catch (PeerdeskException e) {
            status.setText("The notes cannot be read: " + e.getMessage());
        }
    }

    private void show(Note note) {
        boolean another = !Objects.equals(note == null ? null : note.id(), shown == null ? null : shown.id());
        shown = note;
        takeTheirs(another);
        showShown();
        if (another) {
            moved(editor.getCaretOffset());
        }
    }

    private void showShown() {
        boolean owner = shown != null && shown.owner().equals(notes.book().self());
        share.setEnabled(owner);
        remove.setEnabled(shown != null);
        remove.setText(leaving() ? "Leave..." : "Remove...");
        remove.getParent().layout(true);
        heading.setText(shown == null ? "No notes yet: make one with New note..., and share it with your peers" : shown.title());
        editor.setEnabled(shown != null && shown.isMember(notes.book().self()));
        showMembers();
        heading.getParent().layout(true, true);
    }

    /** Puts what the note holds now into the editor, changing only what differs (all of it for another note), so that the user's place stays. */
    private void takeTheirs(boolean whole) {
        try {
            NoteBook.Snapshot now = shown == null ? new NoteBook.Snapshot("", List.of(), Map.of()) : notes.book().snapshot(shown.id());
            TextChange change = whole ? new TextChange(0, editor.getCharCount(), now.text()) : TextChange.between(editor.getText(), now.text());
            if (!change.none()) {
                takingTheirs = true;
                try {
                    editor.replaceTextRange(change.start(), change.removed(), change.inserted());
                } finally {
                    takingTheirs = false;
                }
            }
            ids = new ArrayList<>(now.ids());
            takePlaces(whole ? Map.of() : others, now.others());
        } catch (PeerdeskException e) {
            status.setText("The note cannot be read: " + e.getMessage());
        }
    }

    private void showMembers() {
        if (shown == null) {
            members.setText("");
            return;
        }
        PeerId self = notes.book().self();
        List<String> sharedWith = shown.members().stream().filter(peer -> !peer.equals(shown.owner())).map(this::marked).toList();
        String owner = notes.nameOf(shown, shown.owner());
        members.setText(!shown.isMember(self) ? owner + " no longer shares this note with you: your copy stays as it was."
                : !shown.owner().equals(self) ? owner + "'s note" + online(shown.owner()) + ", shared with "
                        + String.join(", ", sharedWith) + "."
                : sharedWith.isEmpty() ? "Only you have it: Share... gives it to peers to write with you."
                : "Shared with " + String.join(", ", sharedWith) + ".");
        list.refresh();
    }

    private String marked(PeerId peer) {
        return notes.nameOf(shown, peer) + online(peer);
    }

    /** " (here, line 3)" for a peer whose user is in the note, " (online)" for one the note is kept in step with now, else nothing. */
    private String online(PeerId peer) {
        Integer at = others.get(peer);
        return at != null ? " (here, line " + (editor.getLineAtOffset(Math.min(at, editor.getCharCount())) + 1) + ")"
                : !peer.equals(notes.book().self()) && notes.inStep(peer) ? " (online)" : "";
    }

    private String withWhom(Note note) {
        List<PeerId> others = note.others(notes.book().self());
        return others.isEmpty() ? "only you" : String.join(", ", others.stream().map(peer -> notes.nameOf(note, peer)).toList());
    }

    private void newNote() {
        if (notes == null) {
            return;
        }
        InputDialog dialog = new InputDialog(editor.getShell(), "New note", "Title:", "", text -> {
            try {
                Note.checkedTitle(text);
                return null;
            } catch (PeerdeskException e) {
                return e.getMessage();
            }
        });
        if (dialog.open() != Window.OK) {
            return;
        }
        try {
            Note made = notes.book().create(dialog.getValue(), List.of());
            refresh();
            list.setSelection(new org.eclipse.jface.viewers.StructuredSelection(made));
            status.setText("Made \"" + made.title() + "\": Share... gives it to the peers who write it with you.");
        } catch (PeerdeskException e) {
            status.setText("No note made: " + e.getMessage());
        }
    }

    private void leave() {
        String owner = notes.nameOf(shown, shown.owner());
        if (!MessageDialog.openConfirm(editor.getShell(), "Leave note", "Leave \"" + shown.title() + "\"? It is removed from this"
                + " computer, and " + owner + "'s node takes you off it as soon as it is reached; only " + owner + " can share it with you again.")) {
            return;
        }
        try {
            notes.book().leave(shown.id());
            status.setText("Left \"" + shown.title() + "\"; " + owner + "'s node takes you off it"
                    + (notes.inStep(shown.owner()) ? " now." : " once it is reached."));
            shown = null;
            refresh();
        } catch (PeerdeskException e) {
            status.setText("Not left: " + e.getMessage());
        }
    }

    private void share() {
        if (shown == null || directory == null) {
            return;
        }
        try {
            ShareDialog dialog = new ShareDialog(editor.getShell(), shown, directory.peers(), notes.book().self());
            if (dialog.open() != Window.OK) {
                return;
            }
            List<PeerId> added = dialog.chosen().stream().filter(peer -> !shown.isMember(peer)).toList();
            if (!added.isEmpty()) {
                notes.book().share(shown.id(), added);
            }
            for (PeerId member : shown.others(notes.book().self())) {
                if (!dialog.chosen().contains(member)) {
                    notes.book().unshare(shown.id(), member);
                }
            }
            refresh();
        } catch (PeerdeskException e) {
            status.setText("Not shared: " + e.getMessage());
        }
    }

    /** Whether the note shown is another's that is shared with the user, which the user leaves rather than removes. */
    private boolean leaving() {
        return shown != null && !shown.owner().equals(notes.book().self()) && shown.isMember(notes.book().self());
    }

    private void remove() {
        if (shown == null) {
            return;
        }
        if (leaving()) {
            leave();
            return;
        }
        boolean owner = shown.owner().equals(notes.book().self());
        if (!MessageDialog.openConfirm(editor.getShell(), "Remove note", "Remove \"" + shown.title() + "\" from this computer?"
                + (owner && !shown.others(notes.book().self()).isEmpty() ? " Its members keep their copies, no longer kept in step." : ""))) {
            return;
        }
        try {
            notes.book().remove(shown.id());
            shown = null;
            refresh();
        } catch (PeerdeskException e) {
            status.setText("Not removed: " + e.getMessage());
        }
    }
}
