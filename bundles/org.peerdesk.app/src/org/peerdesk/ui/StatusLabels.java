package org.peerdesk.ui;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The line above a view's table that says what it shows or what just happened. It keeps room for
 * {@value #LINES} lines whatever it says, so that the table below does not jump each time a
 * message of another length comes and goes (and a click aimed at a row does not land on another);
 * a longer message makes room for itself.
 */
public final class StatusLabels {

    private static final int LINES = 2;

    private StatusLabels() {
    }

    /** A wrapping label in a grid layout's row, as wide as the row, named {@code id}. */
    public static Label create(Composite parent, String id) {
        Label label = WidgetIds.name(new Label(parent, SWT.WRAP), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, leastHeight(label)).applyTo(label);
        return label;
    }

    /** Gives the label's current text the room it needs (never less than {@value #LINES} lines), and lays its parent out again, deep. */
    public static void fit(Label label) {
        int width = label.getSize().x > 0 ? label.getSize().x : SWT.DEFAULT;
        int needed = label.computeSize(width, SWT.DEFAULT).y;
        ((GridData) label.getLayoutData()).heightHint = Math.max(leastHeight(label), needed);
        label.getParent().layout(true, true);
    }

    private static int leastHeight(Label label) {
        GC gc = new GC(label);
        try {
            return LINES * gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }
}
