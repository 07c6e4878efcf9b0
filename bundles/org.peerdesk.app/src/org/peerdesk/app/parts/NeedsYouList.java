package org.peerdesk.app.parts;

import java.util.List;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.peerdesk.core.Attention;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.ui.WidgetIds;

/**
 * What waits for the user, at the top of "This node": each item with a link to the view (or dialog)
 * that deals with it, kept current as the node announces changes.
 */
final class NeedsYouList {

    private final Composite list;
    private final AttentionPlaces places;
    private final Runnable changed;

    /** {@code changed} lays the view out again once the list has changed. */
    NeedsYouList(Composite parent, NeedsYou needsYou, AttentionPlaces places, UISynchronize ui, IEventBroker events, Runnable changed) {
        this.list = WidgetIds.name(new Composite(parent, SWT.NONE), "overview.needs");
        this.places = places;
        this.changed = changed;
        GridLayoutFactory.fillDefaults().spacing(0, 6).applyTo(list);
        NeedsYouFeed.follow(needsYou, events, ui, list, this::show);
    }

    Control control() {
        return list;
    }

    private void show(List<Attention> waiting, String error) {
        for (Control old : list.getChildren()) {
            old.dispose();
        }
        Label title = WidgetIds.name(new Label(list, SWT.NONE), "overview.needs.title");
        title.setFont(JFaceResources.getBannerFont());
        if (error != null) {
            title.setText("What needs you cannot be read: " + error);
        } else {
            title.setText(waiting.isEmpty() ? "Nothing needs you." : "Needs you:");
            waiting.forEach(this::row);
        }
        changed.run();
    }

    private void row(Attention item) {
        Link link = WidgetIds.name(new Link(list, SWT.WRAP), "overview.needs.item");
        String what = "\u2022 " + item.what().replace("&", "&&");
        link.setText(places.linkText(item).map(words -> what + "    <a>" + words + "</a>").orElse(what));
        link.addListener(SWT.Selection, event -> places.open(item));
        GridDataFactory.fillDefaults().grab(true, false).indent(12, 0).hint(400, SWT.DEFAULT).applyTo(link);
    }
}
