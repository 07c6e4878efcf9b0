package org.peerdesk.examples.polls;

import java.util.Arrays;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.ui.WidgetIds;

/** Asks for a poll's question and its choices, one a line; refuses a poll that cannot be asked, saying why. */
final class PollDialog extends Dialog {

    private Text question;
    private Text choices;
    private Label problem;
    private Poll poll;

    PollDialog(Shell parent) {
        super(parent);
    }

    /** The poll the user asked for, once the dialog closed with OK. */
    Poll poll() {
        return poll;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Start a poll");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        new Label(area, SWT.NONE).setText("Question:");
        question = WidgetIds.name(new Text(area, SWT.BORDER), "poll.question");
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(question);
        Label choicesLabel = new Label(area, SWT.NONE);
        choicesLabel.setText("Choices,\none a line:");
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(choicesLabel);
        choices = WidgetIds.name(new Text(area, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL), "poll.choices");
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 110).applyTo(choices);
        problem = WidgetIds.name(new Label(area, SWT.WRAP), "poll.problem");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(440, SWT.DEFAULT).applyTo(problem);
        Label note = new Label(area, SWT.WRAP);
        note.setText("Members vote by reacting to the poll with a choice's number, those without this plugin too.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(440, SWT.DEFAULT).applyTo(note);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Send poll", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        try {
            poll = Poll.of(question.getText(), Arrays.stream(choices.getText().split("\\R")).filter(line -> !line.isBlank()).toList());
        } catch (InvalidInputException e) {
            problem.setText("Not a poll yet: " + e.getMessage() + ".");
            problem.getParent().layout(true);
            return;
        }
        super.okPressed();
    }
}
