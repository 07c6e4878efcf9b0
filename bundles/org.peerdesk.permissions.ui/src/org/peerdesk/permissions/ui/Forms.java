package org.peerdesk.permissions.ui;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.ui.WidgetIds;

/** The labelled fields of this bundle's dialogs, laid out in two columns. */
final class Forms {

    private Forms() {
    }

    static Text field(Composite area, String label, String id, int style) {
        new Label(area, SWT.NONE).setText(label);
        Text text = WidgetIds.name(new Text(area, style), id);
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(text);
        return text;
    }
}
