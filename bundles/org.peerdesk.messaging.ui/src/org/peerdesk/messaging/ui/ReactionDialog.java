package org.peerdesk.messaging.ui;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.messaging.Reaction;
import org.peerdesk.ui.WidgetIds;

/**
 * Asks how to react to a message: one of the usual reactions at a click, or one typed (an emoji or a short word); where
 * the user reacted to it already, taking that back too. {@link #reaction()} is the choice, empty for taking it back.
 */
final class ReactionDialog extends Dialog {

    /** The reactions offered at a click, in this order. */
    static final List<String> USUAL = List.of("\uD83D\uDC4D", "\u2764\uFE0F", "\uD83D\uDE02", "\uD83D\uDE2E", "\uD83D\uDE22", "\uD83D\uDE4F",
            "\uD83C\uDF89", "\u2705");
    private static final int TAKE_BACK = IDialogConstants.CLIENT_ID + 1;

    private final String message;
    private final Optional<String> mine;
    private Text typed;
    private Label problem;
    private String reaction = "";

    /** {@code message} is the message's first line, as the chat shows it; {@code mine}, the user's reaction to it so far. */
    ReactionDialog(Shell shell, String message, Optional<String> mine) {
        super(shell);
        this.message = message;
        this.mine = mine;
    }

    /** The reaction chosen; "" to take the user's back. */
    String reaction() {
        return reaction;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("React");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label what = new Label(area, SWT.WRAP);
        what.setText("React to: " + message + mine.map(reacted -> "\nYour reaction now: " + reacted).orElse(""));
        GridDataFactory.fillDefaults().hint(convertWidthInCharsToPixels(60), SWT.DEFAULT).applyTo(what);
        Composite usual = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(USUAL.size()).equalWidth(true).applyTo(usual);
        for (int i = 0; i < USUAL.size(); i++) {
            String reaction = USUAL.get(i);
            Button button = WidgetIds.name(new Button(usual, SWT.PUSH), "chat.react." + i);
            button.setText(reaction);
            button.addListener(SWT.Selection, event -> choose(reaction));
        }
        Composite other = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(other);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(other);
        new Label(other, SWT.NONE).setText("Or type one:");
        typed = WidgetIds.name(new Text(other, SWT.BORDER | SWT.SINGLE), "chat.react.typed");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(typed);
        problem = WidgetIds.name(new Label(area, SWT.WRAP), "chat.react.problem");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(problem);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        if (mine.isPresent()) {
            WidgetIds.name(createButton(parent, TAKE_BACK, "Take back mine", false), "chat.react.takeBack");
        }
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "React", true), "chat.react.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == TAKE_BACK) {
            reaction = "";
            okPressed();
        } else if (id == IDialogConstants.OK_ID) {
            String text = typed.getText().strip();
            Optional<String> wrong = Reaction.problem(text);
            if (wrong.isPresent()) {
                problem.setText("That cannot be a reaction: " + wrong.get() + ". Pick one above, or type an emoji or a short word.");
                problem.getParent().layout(true, true);
                return;
            }
            choose(text);
        } else {
            super.buttonPressed(id);
        }
    }

    private void choose(String chosen) {
        reaction = chosen;
        okPressed();
    }
}
