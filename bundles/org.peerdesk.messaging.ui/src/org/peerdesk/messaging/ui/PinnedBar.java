package org.peerdesk.messaging.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Listener;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.Pin;
import org.peerdesk.ui.WidgetIds;

/**
 * Above the chat while messages are pinned in the conversation: the one pinned last, whose line (or the link beside it)
 * shows it in the chat; where several are pinned, each click shows one and moves the bar on to the one pinned before it,
 * around, as the chat tools people know do. Hidden, taking no room, while nothing is pinned.
 */
final class PinnedBar {

    private static final int SHOWN_CHARS = 120;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);

    private final Composite bar;
    private final Label text;
    private final Link show;
    private List<Message> pinned = List.of();
    private Names names;
    /** Which of the pinned messages the bar shows. */
    private int at;

    /** {@code reveal} shows a pinned message in the chat. */
    PinnedBar(Composite parent, Consumer<Message> reveal) {
        bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        new Label(bar, SWT.NONE).setText("\uD83D\uDCCC");
        text = WidgetIds.name(new Label(bar, SWT.NONE), "chat.pinned");
        // a width hint, so that a long text is cut at the bar's width rather than widen the chat
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(100, SWT.DEFAULT).applyTo(text);
        show = WidgetIds.name(new Link(bar, SWT.NONE), "chat.pinned.show");
        Listener showNext = event -> {
            if (!pinned.isEmpty()) {
                Message shown = pinned.get(at);
                at = (at + 1) % pinned.size();
                present();
                reveal.accept(shown);
            }
        };
        show.addListener(SWT.Selection, showNext);
        text.addListener(SWT.MouseUp, showNext);
        text.setCursor(text.getDisplay().getSystemCursor(SWT.CURSOR_HAND));
        showing(false);
    }

    /** Shows what is pinned in the open conversation, the one pinned last first; from the one pinned last again if they changed. */
    void show(List<Message> pinnedNow, Names namesNow) {
        if (!pinnedNow.stream().map(Message::id).toList().equals(pinned.stream().map(Message::id).toList())) {
            at = 0;
        }
        pinned = List.copyOf(pinnedNow);
        names = namesNow;
        if (!pinned.isEmpty()) {
            present();
        }
        showing(!pinned.isEmpty());
    }

    private void present() {
        Message message = pinned.get(at);
        Pin pin = message.pinned().orElseThrow();
        String line = names.of(message.author()) + ": " + MessageTexts.oneLine(message);
        text.setText((line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS - 1) + "…" : line).replace("&", "&&"));
        String tip = "Pinned by " + names.of(pin.by()) + ", " + WHEN.format(pin.when().atZone(ZoneId.systemDefault()))
                + "; right-click it in the chat to unpin it\n\n" + MessageTexts.tip(message);
        text.setToolTipText(tip);
        show.setText(pinned.size() == 1 ? "<a>Show</a>" : (at + 1) + " of " + pinned.size() + "  <a>Show</a>");
        show.setToolTipText(pinned.size() == 1 ? "Shows it in the chat" : "Shows it in the chat, and here the one pinned before it");
        bar.layout(true);
    }

    private void showing(boolean visible) {
        if (bar.getVisible() != visible) {
            bar.setVisible(visible);
            ((GridData) bar.getLayoutData()).exclude = !visible;
            bar.getParent().layout(true, true);
        }
    }
}
