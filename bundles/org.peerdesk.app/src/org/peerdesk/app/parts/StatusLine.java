package org.peerdesk.app.parts;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.peerdesk.core.Attention;
import org.peerdesk.core.Counts;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;

/**
 * The line at the bottom of the window: whether the node runs, and on which data directory; and, whatever
 * view is in front, how many things need the user, with a link to the list of them in "This node".
 */
public final class StatusLine {

    private static final String OVERVIEW = "org.peerdesk.app.part.overview";

    @PostConstruct
    void create(Composite parent, @Optional NodeStartup node, @Optional @Service NeedsYou needsYou, IEventBroker events, UISynchronize ui,
            EPartService parts) {
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        layout.spacing = 12;
        layout.marginTop = 0;
        layout.marginBottom = 0;
        parent.setLayout(layout);
        Label state = WidgetIds.name(new Label(parent, SWT.NONE), "status.node");
        state.setText(node == null ? "Node stopped" : "Node running  \u00b7  data: " + node.directory());
        fit(state);
        if (node == null || needsYou == null) {
            return;
        }
        Link needs = WidgetIds.name(new Link(parent, SWT.NONE), "status.needs");
        needs.addListener(SWT.Selection, event -> parts.showPart(OVERVIEW, PartState.ACTIVATE));
        NeedsYouFeed.follow(needsYou, events, ui, needs, (waiting, error) -> show(needs, waiting, error));
    }

    private static void show(Link needs, List<Attention> waiting, String error) {
        if (error != null || waiting.isEmpty()) {
            needs.setText("");
            needs.setToolTipText(error);
        } else {
            needs.setText("\u26a0 <a>" + Counts.of(waiting.size(), "thing needs you", "things need you") + "</a>");
            needs.setToolTipText(waiting.stream().map(Attention::what).collect(Collectors.joining("\n")));
        }
        fit(needs);
        needs.getParent().layout(true);
    }

    private static void fit(Control control) {
        control.setLayoutData(new RowData(control.computeSize(SWT.DEFAULT, SWT.DEFAULT).x, SWT.DEFAULT));
    }
}
