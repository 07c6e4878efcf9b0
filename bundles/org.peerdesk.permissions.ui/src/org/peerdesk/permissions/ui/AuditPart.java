package org.peerdesk.permissions.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** The newest entries of the audit log, and whether its hash chain is intact. */
public final class AuditPart {

    private static final int SHOWN = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;


    @Inject
    @Optional
    @Service
    PermissionService permissions;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private volatile Map<PeerId, String> names = Map.of();

    private Label integrity;
    private TableViewer entries;
    private Background background;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        integrity = StatusLabels.create(parent, "audit.integrity");
        if (permissions == null) {
            integrity.setText("The node is not running, so there is no audit log to show.");
            return;
        }
        entries = Tables.create(parent, "audit.entries");
        Tables.column(entries, AuditEntry.class, "When", 140, entry -> WHEN.format(entry.at()));
        Tables.column(entries, AuditEntry.class, "What", 110, entry -> entry.event().word());
        Tables.column(entries, AuditEntry.class, "Peer", 110,
                entry -> entry.peer().map(peer -> names.getOrDefault(peer, peer.shortForm())).orElse(""));
        Tables.column(entries, AuditEntry.class, "Resource", 110, AuditEntry::resource);
        Tables.column(entries, AuditEntry.class, "Detail", 320, AuditEntry::detail);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(entries.getControl());
        background = new Background(ui, integrity);
        refresh();
        UiEvents.follow(events, PermissionTopics.ALL, integrity, this::refresh);
    }

    void refresh() {
        background.refresh(() -> {
            if (directory != null) {
                names = directory.peers().stream().collect(Collectors.toMap(KnownPeer::id, KnownPeer::name));
            }
            return permissions.audit(SHOWN);
        }, (report, error) -> {
            if (error != null) {
                integrity.setText("The audit log cannot be read: " + error);
                return;
            }
            entries.setInput(report.entries());
            integrity.setText(report.intact()
                    ? report.total() + " entries; the hash chain is intact."
                    : "WARNING: the audit log was tampered with: " + report.problem().orElse("") + ".");
            StatusLabels.fit(integrity);
        });
    }
}
