package org.peerdesk.app.parts;

import java.util.List;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Topics;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.KeptNode;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Times;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

/**
 * This node's rows for the nodes that start-overs set aside in its data directory: each with when, the room it takes (sized
 * off the UI thread) and a button that deletes it, for good, once the user confirms. Hidden while there are none.
 */
final class SetAsideNodes {

    private final DataDirectory data;
    private final Runnable fit;
    private final Label heading;
    private final Composite rows;
    private final Background background;

    SetAsideNodes(Composite parent, DataDirectory data, UISynchronize ui, IEventBroker events, Runnable fit) {
        this.data = data;
        this.fit = fit;
        heading = new Label(parent, SWT.NONE);
        heading.setText("Set aside");
        GridDataFactory.swtDefaults().applyTo(heading);
        rows = WidgetIds.name(new Composite(parent, SWT.NONE), "overview.setAside");
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 4).applyTo(rows);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(rows);
        background = new Background(ui, rows);
        show(List.of());
        UiEvents.follow(events, Topics.NODE_SET_ASIDE_DELETED, rows, this::refresh);
        refresh();
    }

    private void refresh() {
        background.refresh(data::keptNodes, (nodes, error) -> show(error == null ? nodes : List.of()));
    }

    private void show(List<KeptNode> nodes) {
        for (Control row : rows.getChildren()) {
            row.dispose();
        }
        for (KeptNode node : nodes) {
            Label text = new Label(rows, SWT.WRAP);
            text.setText(node.name() + ": the node that ran here before starting over, set aside " + Times.full(node.setAside())
                    + ", " + ByteSizes.format(node.bytes()) + " (it runs again with peerdesk --data " + node.folder() + ")");
            GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(text);
            Button delete = WidgetIds.name(new Button(rows, SWT.PUSH), "overview.setAside.delete");
            delete.setText("Delete...");
            delete.addListener(SWT.Selection, event -> delete(node));
        }
        for (Control part : List.of(heading, rows)) {
            part.setVisible(!nodes.isEmpty());
            ((GridData) part.getLayoutData()).exclude = nodes.isEmpty();
        }
        fit.run();
    }

    private void delete(KeptNode node) {
        if (!MessageDialog.openConfirm(rows.getShell(), "Delete the Node Set Aside", "Delete, for good, the node set aside in "
                + node.name() + " (" + ByteSizes.format(node.bytes()) + ")? Its identity, peers, grants and conversations go with it,"
                + " and so does what it held for other peers. Your own folders are elsewhere and stay.")) {
            return;
        }
        background.run(() -> data.deleteKeptNode(node.name()), (deleted, error) -> {
            if (error != null) {
                MessageDialog.openError(rows.getShell(), "Delete the Node Set Aside", error);
            }
            refresh();
        });
    }
}
