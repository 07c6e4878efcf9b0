package org.peerdesk.app.parts;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;

/** The line at the bottom of the window: whether the node runs, and on which data directory. */
public final class StatusLine {

    @PostConstruct
    void create(Composite parent, @Optional NodeStartup node) {
        Label state = WidgetIds.name(new Label(parent, SWT.NONE), "status.node");
        state.setText(node == null ? "Node stopped" : "Node running  \u00b7  data: " + node.directory());
        state.setLayoutData(new RowData(state.computeSize(SWT.DEFAULT, SWT.DEFAULT).x + 16, SWT.DEFAULT));
    }
}
