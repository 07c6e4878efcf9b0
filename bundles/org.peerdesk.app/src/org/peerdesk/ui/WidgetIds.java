package org.peerdesk.ui;

import org.eclipse.swt.widgets.Widget;

/**
 * Stable names for widgets, set as widget data, so UI tests and accessibility tools find a
 * widget by what it is rather than by its position or its (translatable) text.
 */
public final class WidgetIds {

    public static final String KEY = "peerdesk.id";

    private WidgetIds() {
    }

    public static <W extends Widget> W name(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }
}
