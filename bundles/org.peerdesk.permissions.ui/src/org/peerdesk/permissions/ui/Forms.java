package org.peerdesk.permissions.ui;

import java.util.OptionalLong;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.InvalidInputException;
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

    /** A field for the storage a backup grant allows ("50G"); empty for no limit. Only backup takes one. */
    static Text quotaField(Composite area, String label, String id) {
        Text quota = field(area, label, id, SWT.BORDER);
        quota.setMessage("no limit, or a size like 50G");
        return quota;
    }

    /** What a {@link #quotaField} holds: no limit when it is empty. */
    static OptionalLong quota(String text) throws InvalidInputException {
        return text.isBlank() ? OptionalLong.empty() : OptionalLong.of(ByteSizes.parse(text));
    }
}
