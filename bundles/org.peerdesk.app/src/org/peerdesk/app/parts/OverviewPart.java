package org.peerdesk.app.parts;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.identity.event.IdentityTopics;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.ScrollingPane;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;

/**
 * The state of this node: first what waits for the user, then where peers reach it and what its router
 * forwards, whether its key is protected, where its data lives, its log, the free space there, since when it runs, and
 * the nodes that start-overs set aside there.
 * It scrolls where the view is too low for all of that.
 */
public final class OverviewPart {

    private ScrollingPane pane;

    @PostConstruct
    void create(Composite part, @Optional NodeStartup node, @Optional @Service TransportService transport,
            @Optional @Service PortMapping portMapping, @Optional @Service NodeIdentity identity, @Optional @Service NeedsYou needsYou, IEventBroker events, UISynchronize ui,
            MApplication application, EModelService model, EPartService parts) {
        pane = new ScrollingPane(part); // laid out whenever the view's size changes, the first time included
        Composite parent = pane.content();
        GridLayoutFactory.swtDefaults().numColumns(2).margins(20, 16).spacing(16, 8).applyTo(parent);
        Label heading = WidgetIds.name(new Label(parent, SWT.NONE), "overview.heading");
        heading.setText(node == null ? "This node is not running" : "This node is running");
        heading.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().span(2, 1).applyTo(heading);
        if (node == null) {
            return;
        }
        if (needsYou != null) {
            NeedsYouList list = new NeedsYouList(parent, needsYou, new AttentionPlaces(application, model, parts), ui, events, pane::fit);
            GridDataFactory.fillDefaults().span(2, 1).grab(true, false).indent(0, 4).applyTo(list.control());
            Label gap = new Label(parent, SWT.NONE);
            GridDataFactory.fillDefaults().span(2, 1).hint(SWT.DEFAULT, 8).applyTo(gap);
        }
        if (transport != null) {
            row(parent, "Listening on", transport.listenAddresses().stream().map(PeerAddress::shown).collect(Collectors.joining(", ")),
                    "overview.listen");
        }
        if (portMapping != null) {
            Label router = row(parent, "Router", portMapping.status().said(), "overview.router");
            UiEvents.follow(events, TransportTopics.PORT_MAPPING_CHANGED, router, () -> show(router, portMapping.status().said()));
        }
        if (identity != null) {
            Label key = row(parent, "Key", keyProtection(identity), "overview.key");
            UiEvents.follow(events, IdentityTopics.KEY_PROTECTION_CHANGED, key, () -> show(key, keyProtection(identity)));
        }
        row(parent, "Data directory", node.directory().toString(), "overview.data");
        row(parent, "Log file", node.logFile().toString(), "overview.log");
        row(parent, "Free space", freeSpace(node), "overview.free");
        row(parent, "Started", ZonedDateTime.now().format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)),
                "overview.started");
        row(parent, "Java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")", "overview.java");
        new SetAsideNodes(parent, node.directory(), ui, events, pane::fit);
    }

    private static Label row(Composite parent, String name, String value, String id) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(name);
        Label text = WidgetIds.name(new Label(parent, SWT.WRAP), id);
        text.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        return text;
    }

    /** A row's new value, laid out again: a longer one may take another line. */
    private void show(Label row, String value) {
        row.setText(value);
        pane.fit();
    }

    private static String keyProtection(NodeIdentity identity) {
        try {
            return identity.passphraseProtected() ? "protected by a passphrase"
                    : "not protected: whoever copies the data directory can act as this node (File, Key Passphrase...)";
        } catch (IdentityException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String freeSpace(NodeStartup node) {
        try {
            FileStore store = Files.getFileStore(node.directory().path());
            return ByteSizes.format(store.getUsableSpace()) + " of " + ByteSizes.format(store.getTotalSpace());
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
