package org.peerdesk.ui;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Text that explains, wrapped at the width its dialog or view chooses, across all of its parent's columns. */
public final class Notes {

    private Notes() {
    }

    /** Adds the note to {@code parent}, whose grid layout must be set already. */
    public static Label add(Composite parent, String text, int width) {
        Label note = new Label(parent, SWT.WRAP);
        note.setText(text);
        int columns = parent.getLayout() instanceof GridLayout grid ? grid.numColumns : 1;
        GridDataFactory.fillDefaults().grab(true, false).span(columns, 1).hint(width, SWT.DEFAULT).applyTo(note);
        return note;
    }
}
