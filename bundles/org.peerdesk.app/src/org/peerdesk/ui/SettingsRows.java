package org.peerdesk.ui;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/** The rows a {@link SettingsSection} is made of, alike in every section. */
public final class SettingsRows {

    /** The most days a period may be set to: ten years. */
    public static final int MAX_DAYS = 3650;

    private SettingsRows() {
    }

    /** A checkbox saying {@code text}, ticked as {@code ticked} says, named {@code id}. */
    public static Button check(Composite section, String text, boolean ticked, String id) {
        Button check = WidgetIds.name(new Button(section, SWT.CHECK), id);
        check.setText(text);
        check.setSelection(ticked);
        return check;
    }

    /** A wrapped line of explanation, as wide as the section. */
    public static Label note(Composite section, String text) {
        return Notes.add(section, text, 480);
    }

    /** "{@code before} [days] {@code after}" on one row, the spinner named {@code id}. */
    public static Spinner days(Composite section, String before, long days, String after, String id) {
        Composite row = new Composite(section, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(row);
        new Label(row, SWT.NONE).setText(before);
        Spinner spinner = WidgetIds.name(new Spinner(row, SWT.BORDER), id);
        spinner.setValues((int) Math.min(days, MAX_DAYS), 0, MAX_DAYS, 0, 1, 7);
        new Label(row, SWT.NONE).setText(after);
        return spinner;
    }

    /** What a section says for a service that is not there: the node did not start. */
    public static void notRunning(Composite section) {
        note(section, "The node is not running.");
    }
}
