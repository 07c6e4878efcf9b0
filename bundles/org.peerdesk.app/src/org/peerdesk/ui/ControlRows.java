package org.peerdesk.ui;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * A row of a view's buttons and fields, in a grid layout's row, that flows onto another line where
 * the view is narrower than the row. A row laid out as one grid line instead sets the narrowest the
 * whole view can be: in a narrow window, the row, and the tables below it, then ran past the view's
 * edge, their last buttons and columns out of sight.
 */
public final class ControlRows {

    private ControlRows() {
    }

    /** An empty row as wide as the view; its children flow left to right and onto further lines. */
    public static Composite create(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        RowLayoutFactory.fillDefaults().wrap(true).center(true).spacing(6).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        return row;
    }

    /** A group of {@code controls} in a row that stay on one line together, such as a field and its label. */
    public static Composite together(Composite row, int controls) {
        Composite group = new Composite(row, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(controls).applyTo(group);
        return group;
    }

    /** Shows {@code control}, one of a row's, or hides it and lets the others close up; the caller lays the row out again. */
    public static void show(Control control, boolean shown) {
        if (!(control.getLayoutData() instanceof RowData)) {
            control.setLayoutData(new RowData());
        }
        control.setVisible(shown);
        ((RowData) control.getLayoutData()).exclude = !shown;
    }
}
