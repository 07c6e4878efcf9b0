package org.peerdesk.messaging.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.ScrollBar;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Quote;
import org.peerdesk.ui.Clipboards;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.WidgetIds;

/**
 * The chat's history: a conversation's messages as a {@link Transcript} in a read-only text. Whoever reads older
 * messages stays where they are as messages arrive; whoever is at the end sees them come. Any text can be selected
 * and copied; Ctrl+C with nothing selected copies the message at the cursor. Clicking the files under a message
 * from someone else fetches them, or opens them once they are here; clicking what a reply answers shows that message.
 * Reaching the top asks for earlier messages.
 */
final class ChatHistory {

    /** Where a message was on screen: its ID, and how far its first line was from the top of the view. */
    private record Anchor(String messageId, int y) {
    }

    private final StyledText text;
    /**
     * What the chat does with a message the user points at: reply to it, react to it, forward it, pin or unpin it, fetch or
     * open its files, show its recipients' receipts, and, for a message of the user's own, edit it or delete it for everyone;
     * and with a message it does not show (older than the messages read), by its ID: show it.
     */
    record Actions(Consumer<Message> reply, Consumer<Message> react, Consumer<Message> forward, Consumer<Message> pin,
            Consumer<Message> files, Consumer<Message> receipts, Consumer<Message> edit, Consumer<Message> delete, Consumer<String> reveal) {
    }

    private final Actions actions;
    private final Consumer<String> say;
    private Transcript transcript = Transcript.empty();
    /** The messages whose files were fetched here. */
    private Set<String> fetched = Set.of();
    private ConversationId shown;
    /** The block of the message under the pointer when the menu opened. */
    private Transcript.Block pointed;
    /** Whether older messages than those shown exist, and what reads them. */
    private boolean earlier;
    private Runnable loadEarlier = () -> { };
    /** Whether the reader is at the end, and so stays there when messages arrive or the view is resized. */
    private boolean following = true;

    /** {@code actions} carry out what the user asks of a message; {@code say} gets what the user should read under the chat. */
    ChatHistory(Composite parent, Actions actions, Consumer<String> say) {
        this.actions = actions;
        this.say = say;
        text = WidgetIds.name(new StyledText(parent, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.READ_ONLY), "chat.history");
        text.setMargins(12, 10, 12, 10);
        text.setLineSpacing(2);
        actOnClick();
        copyOnRequest();
        Listener scrolled = event -> {
            following = atEnd();
            if (earlier && text.getTopPixel() == 0) {
                earlier = false; // asked once per page
                loadEarlier.run();
            }
        };
        text.getVerticalBar().addListener(SWT.Selection, scrolled); // the wheel, the scroll bar
        text.addListener(SWT.KeyUp, scrolled); // Page Up, Ctrl+Home
        text.addListener(SWT.Resize, event -> {
            if (following) {
                text.setTopPixel(Integer.MAX_VALUE);
            }
        });
    }

    StyledText control() {
        return text;
    }

    /** What to run when the reader reaches the top while earlier messages exist. */
    void onReachingTop(Runnable load) {
        loadEarlier = load;
    }

    /**
     * Shows {@code messages} of {@code conversation} (oldest first); {@code earlier} says whether older ones exist,
     * {@code fetched} which messages' files are here, {@code described} what plugins say of messages' data, {@code newFrom} where the messages begin that were new when it was
     * opened. Puts {@code reveal} in view and selects it, when it is among them; a conversation just opened shows its
     * new messages from the first, or its end when they all fit; otherwise someone at the end stays at the end, and
     * someone reading older messages stays with the message at the top of the view. What they selected stays selected
     * while the text before it is unchanged.
     */
    void show(ConversationId conversation, List<Message> messages, boolean earlier, Names names,
            Set<String> fetched, Map<String, String> described, Optional<String> newFrom, Optional<String> reveal) {
        Transcript next = Transcript.of(messages, earlier, names, fetched, described, newFrom, ZoneId.systemDefault(), LocalDate.now());
        this.fetched = Set.copyOf(fetched);
        String before = text.getText();
        String after = next.text();
        boolean sameConversation = Objects.equals(conversation, shown);
        this.earlier = earlier;
        if (after.equals(before) && sameConversation && reveal.isEmpty()) {
            transcript = next;
            return;
        }
        boolean follow = !sameConversation || atEnd();
        Optional<Anchor> anchor = follow ? Optional.empty() : anchor();
        Point selection = text.getSelection();
        text.setText(after);
        text.setStyleRanges(next.spans().stream().map(span -> style(text.getDisplay(), span)).toArray(StyleRange[]::new));
        for (Transcript.Span span : next.spans()) {
            if (EnumSet.of(Transcript.Style.DAY, Transcript.Style.NOTICE, Transcript.Style.NEW).contains(span.style())) {
                text.setLineAlignment(text.getLineAtOffset(span.start()), 1, SWT.CENTER);
            }
        }
        transcript = next;
        shown = conversation;
        Optional<Transcript.Block> revealed = reveal.flatMap(next::block);
        if (revealed.isPresent()) {
            text.setSelection(revealed.get().start(), revealed.get().end());
            following = atEnd();
            return;
        }
        if (!sameConversation && next.newMessages().isPresent()) {
            // as far as it goes: the end, where all the new messages fit
            text.setTopPixel(text.getLinePixel(text.getLineAtOffset(next.newMessages().get())));
            following = atEnd();
            return;
        }
        if (selection.y > selection.x && selection.y <= after.length() && before.regionMatches(0, after, 0, selection.y)) {
            text.setSelection(selection);
        }
        following = follow;
        if (follow) {
            text.setTopPixel(Integer.MAX_VALUE);
        } else {
            anchor.flatMap(was -> next.block(was.messageId()).map(block -> text.getLinePixel(text.getLineAtOffset(block.start())) - was.y()))
                    .ifPresent(move -> text.setTopPixel(text.getTopPixel() + move));
        }
    }

    private boolean atEnd() {
        ScrollBar bar = text.getVerticalBar();
        return bar.getSelection() + bar.getThumb() >= bar.getMaximum() - text.getLineHeight();
    }

    /** The message the view begins inside, or the first below the top of the view. */
    private Optional<Anchor> anchor() {
        int top = text.getOffsetAtLine(text.getTopIndex());
        return transcript.from(top).map(block -> new Anchor(block.message().id(), text.getLinePixel(text.getLineAtOffset(block.start()))));
    }

    /**
     * Clicking the files that came with a message from someone else fetches or opens them, and clicking what a reply
     * answers shows that message; the pointer says so over them.
     */
    private void actOnClick() {
        text.addListener(SWT.MouseMove, event -> {
            int offset = text.getOffsetAtPoint(new Point(event.x, event.y));
            boolean link = transcript.at(offset).filter(block -> block.filesAt(offset) || block.quoteAt(offset)).isPresent();
            text.setCursor(link ? text.getDisplay().getSystemCursor(SWT.CURSOR_HAND) : null);
        });
        text.addListener(SWT.MouseUp, event -> {
            if (event.button != 1 || text.getSelectionCount() != 0) {
                return;
            }
            int offset = text.getOffsetAtPoint(new Point(event.x, event.y));
            transcript.at(offset).ifPresent(block -> {
                if (block.filesAt(offset)) {
                    actions.files().accept(block.message());
                } else if (block.quoteAt(offset)) {
                    showAnswered(block.message().replyTo().orElseThrow());
                }
            });
        });
    }

    /**
     * Scrolls to the message a reply answers and selects it: where the chat shows it, at once; where it is older than what
     * the chat shows, once that is read. Else says why it cannot.
     */
    private void showAnswered(Quote quote) {
        if (!quote.found() || quote.deleted()) {
            say.accept(quote.deleted() ? "Its author deleted the message it answers."
                    : "This computer does not have the message it answers: it came before you were in the conversation, or its"
                            + " history was cleared here.");
            return;
        }
        Optional<Transcript.Block> answered = transcript.block(quote.messageId());
        if (answered.isPresent()) {
            text.setSelection(answered.get().start(), answered.get().end());
            following = atEnd();
        } else {
            actions.reveal().accept(quote.messageId());
        }
    }

    /**
     * Ctrl+C copies what is selected, as in any text; with nothing selected, the message at the cursor, as written.
     * The right-click menu offers both, for the message under the pointer, fetches or opens its files, shows who has it,
     * and edits or deletes a message of the user's own.
     */
    private void copyOnRequest() {
        text.addListener(SWT.KeyDown, event -> {
            if ((event.stateMask & SWT.MOD1) != 0 && (event.keyCode == 'c' || event.keyCode == 'C') && text.getSelectionCount() == 0) {
                transcript.at(text.getCaretOffset()).ifPresent(block -> copy(block.message()));
            }
        });
        text.addListener(SWT.MenuDetect, event -> pointed = blockAt(event).orElse(null));
        ContextMenus.of(text, () -> {
            Transcript.Block block = pointed;
            Message message = block == null ? null : block.message();
            return List.of(new ContextMenus.Action("&Reply", answerable(message), () -> actions.reply().accept(message)),
                    new ContextMenus.Action("Re&act...", answerable(message), () -> actions.react().accept(message)),
                    new ContextMenus.Action("F&orward...", forwardable(message), () -> actions.forward().accept(message)),
                    new ContextMenus.Action(message != null && message.pinned().isPresent() ? "Un&pin" : "&Pin to top", answerable(message),
                            () -> actions.pin().accept(message)),
                    new ContextMenus.Action("&Copy\tCtrl+C", text.getSelectionCount() > 0, text::copy),
                    new ContextMenus.Action("Copy &message", message != null, () -> copy(message)),
                    new ContextMenus.Action(message != null && fetched.contains(message.id()) ? "&Open its files" : "&Fetch its files",
                            block != null && block.offersFiles(), () -> actions.files().accept(message)),
                    new ContextMenus.Action("&Who has it...", message != null && message.outgoing() && message.reach().recipients() > 0,
                            () -> actions.receipts().accept(message)),
                    new ContextMenus.Action("&Edit...", revisable(message), () -> actions.edit().accept(message)),
                    new ContextMenus.Action("&Delete for everyone...", revisable(message), () -> actions.delete().accept(message)));
        });
    }

    /** The newest message shown that the user may still edit, if any: what Up in an empty composer edits. */
    Optional<Message> newestOwn() {
        return transcript.messages().reversed().stream().filter(ChatHistory::revisable).findFirst();
    }

    /** Whether the message has something to forward: a text not deleted, with words, or files of the user's own or fetched here. */
    private boolean forwardable(Message message) {
        return answerable(message) && (!message.body().isBlank()
                || !message.attachments().isEmpty() && (message.outgoing() || fetched.contains(message.id())));
    }

    /** Whether the user may reply to the message: a text, not deleted. */
    private static boolean answerable(Message message) {
        return message != null && message.kind() == Message.Kind.TEXT && message.revision() != Message.Revision.DELETED;
    }

    /** Whether the user may edit or delete the message: one of their own texts, not deleted yet. */
    private static boolean revisable(Message message) {
        return answerable(message) && message.outgoing();
    }

    /** The message on the line under the pointer of a menu's opening, or at the cursor when the keyboard opened it. */
    private Optional<Transcript.Block> blockAt(Event menuDetect) {
        int offset = text.getCaretOffset();
        if (menuDetect.detail != SWT.MENU_KEYBOARD) {
            Point point = text.toControl(menuDetect.x, menuDetect.y);
            offset = text.getOffsetAtLine(text.getLineIndex(point.y));
        }
        return transcript.at(offset);
    }

    private void copy(Message message) {
        Clipboards.copy(text.getDisplay(), MessageTexts.asWritten(message));
        say.accept("Copied the message.");
    }

    /** Behind the user's name where a message mentions them: a light yellow, as a highlighter pen would leave. */
    private static final Color MENTION_OF_YOU_BACKGROUND = new Color(255, 236, 158);

    private static StyleRange style(Display display, Transcript.Span span) {
        StyleRange range = new StyleRange();
        range.start = span.start();
        range.length = span.length();
        switch (span.style()) {
            case DAY, AUTHOR -> range.fontStyle = SWT.BOLD;
            case META -> range.foreground = display.getSystemColor(SWT.COLOR_DARK_GRAY);
            case PROBLEM -> range.foreground = display.getSystemColor(SWT.COLOR_DARK_RED);
            case NOTICE, DELETED -> {
                range.fontStyle = SWT.ITALIC;
                range.foreground = display.getSystemColor(SWT.COLOR_DARK_GRAY);
            }
            case FILES -> {
                range.underline = true;
                range.underlineStyle = SWT.UNDERLINE_LINK;
            }
            case NEW -> {
                range.fontStyle = SWT.BOLD;
                range.foreground = display.getSystemColor(SWT.COLOR_LIST_SELECTION);
            }
            case QUOTE_BAR -> range.foreground = display.getSystemColor(SWT.COLOR_LIST_SELECTION);
            case QUOTE -> range.foreground = display.getSystemColor(SWT.COLOR_DARK_GRAY);
            case CONTENT -> range.foreground = display.getSystemColor(SWT.COLOR_DARK_BLUE);
            case MENTION -> {
                range.fontStyle = SWT.BOLD;
                range.foreground = display.getSystemColor(SWT.COLOR_LINK_FOREGROUND);
            }
            case MENTION_OF_YOU -> {
                range.fontStyle = SWT.BOLD;
                range.foreground = display.getSystemColor(SWT.COLOR_LINK_FOREGROUND);
                range.background = MENTION_OF_YOU_BACKGROUND;
            }
        }
        return range;
    }
}
