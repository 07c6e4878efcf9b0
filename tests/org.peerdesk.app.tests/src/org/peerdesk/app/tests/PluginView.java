package org.peerdesk.app.tests;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;

/** The view that {@link ViewPlugin} adds to the desktop: one line saying where it came from. */
public final class PluginView {

    static final String TEXT = "This view comes from a plugin.";

    @PostConstruct
    void create(Composite parent) {
        WidgetIds.name(new Label(parent, SWT.NONE), "example.view").setText(TEXT);
    }
}
