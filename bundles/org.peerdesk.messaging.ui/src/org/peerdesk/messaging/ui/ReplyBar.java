package org.peerdesk.messaging.ui;

import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.messaging.Message;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.WidgetIds;

/**
 * Above the composer while the user writes a reply: the message it answers, and a button (or Escape in the composer)
 * that makes it a message of its own again. Hidden, taking no room, otherwise.
 */
final class ReplyBar {

    private final Composite bar;
    private final Label quote;
    private Message answered;

    ReplyBar(Composite parent) {
        bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(0, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        Label mark = new Label(bar, SWT.NONE);
        mark.setText(Transcript.QUOTE_BAR);
        mark.setForeground(mark.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION)); // as the chat marks what a reply answers
        quote = WidgetIds.name(new Label(bar, SWT.NONE), "chat.replying");
        // a width hint, so that a long quote is cut at the bar's width rather than widen the chat
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(100, SWT.DEFAULT).applyTo(quote);
        Button cancel = Tables.button(bar, "Cancel reply", "chat.reply.cancel", this::clear);
        cancel.setToolTipText("Send what you write as a message of its own (Escape in the composer does too)");
        show(null);
    }

    /** Makes what the user writes next a reply to {@code message}. */
    void answer(Message message, Names names) {
        quote.setText("Replying to " + MessageTexts.quoted(MessageTexts.quoteOf(message), names).replace("&", "&&"));
        quote.setToolTipText(MessageTexts.tip(message));
        show(message);
    }

    /** What the user writes is a message of its own again. */
    void clear() {
        show(null);
    }

    /** The message the user is replying to, if any. */
    Optional<Message> answered() {
        return Optional.ofNullable(answered);
    }

    private void show(Message message) {
        answered = message;
        boolean replying = message != null;
        if (bar.getVisible() != replying) {
            bar.setVisible(replying);
            ((GridData) bar.getLayoutData()).exclude = !replying;
            bar.getParent().layout(true, true);
        }
    }
}
