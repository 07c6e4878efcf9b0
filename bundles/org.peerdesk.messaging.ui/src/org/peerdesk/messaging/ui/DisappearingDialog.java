package org.peerdesk.messaging.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.core.Intervals;
import org.peerdesk.ui.WidgetIds;

/**
 * Asks how long a conversation's messages are to last: kept, or one of the spans chat apps offer. Says what it means first:
 * it counts for every member, from now on, and keeps such messages out of backups. {@link #chosen()} is the choice.
 */
final class DisappearingDialog extends Dialog {

    /** The spans offered, with keeping them ({@link Duration#ZERO}) first. */
    static final List<Duration> OFFERED = List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7),
            Duration.ofDays(28));

    private final String conversation;
    private final Duration now;
    private Duration chosen;

    /** {@code conversation} names it in a sentence ("your conversation with Ben"); {@code now} is how long its messages last now. */
    DisappearingDialog(Shell shell, String conversation, Duration now) {
        super(shell);
        this.conversation = conversation;
        this.now = now;
        this.chosen = now;
    }

    Duration chosen() {
        return chosen;
    }

    /** "Kept" or "1 week": how a span reads in the dialog and the chat. */
    static String words(Duration after) {
        return after.isZero() ? "Kept (they do not disappear)" : "Disappear after " + Intervals.span(after);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Disappearing Messages");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label what = new Label(area, SWT.WRAP);
        what.setText("How long the messages written in " + conversation + " from now on last: each disappears this long after it"
                + " was written, from this computer and every other member's, and none of them is kept in a backup. The messages"
                + " written before stay as they are. Every member reads who changed it.");
        GridDataFactory.fillDefaults().hint(convertWidthInCharsToPixels(64), SWT.DEFAULT).applyTo(what);
        List<Duration> offered = new ArrayList<>(OFFERED);
        if (!offered.contains(now)) {
            offered.add(now); // set elsewhere (the CLI takes any span): kept on offer, chosen
        }
        for (int i = 0; i < offered.size(); i++) {
            Duration span = offered.get(i);
            Button choice = WidgetIds.name(new Button(area, SWT.RADIO), "chat.disappear." + i);
            choice.setText(words(span));
            choice.setSelection(span.equals(now));
            choice.addListener(SWT.Selection, event -> chosen = span);
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Set for Everyone", true), "chat.disappear.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }
}
