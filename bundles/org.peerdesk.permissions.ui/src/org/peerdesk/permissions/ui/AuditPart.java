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
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The newest entries of the audit log, and whether its hash chain is intact; a peer in it (a stranger guessing passwords,
 * say) can be blocked from here, since strangers are listed nowhere else.
 */
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

    /** Whether the chain is intact, then what the last Block or Unblock came to. */
    private Label integrity;
    private String checked = "";
    private String outcome = "";
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
        Composite actions = ControlRows.create(parent);
        Tables.button(actions, "Block peer", "audit.block", () -> changeTrust(true));
        Tables.button(actions, "Unblock peer", "audit.unblock", () -> changeTrust(false));
        entries = Tables.create(parent, "audit.entries");
        ContextMenus.mirror(entries.getControl(), actions);
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

    /** Blocks (or lets in again) the peer of the selected entry. */
    private void changeTrust(boolean block) {
        AuditEntry entry = Tables.selected(entries, AuditEntry.class);
        if (entry == null || entry.peer().isEmpty()) {
            tell("Select an entry that names a peer.");
            return;
        }
        PeerId peer = entry.peer().get();
        String name = names.getOrDefault(peer, peer.shortForm());
        background.run(() -> block ? block(peer) : permissions.unblock(peer), (state, error) -> tell(error != null ? error
                : switch (state) {
                    case BLOCKED -> "Blocked " + name + ": it can no longer connect, and its streams were closed.";
                    case PENDING -> "Unblocked " + name + ": a stranger again, it may connect and ask for access.";
                    case TRUSTED -> "Unblocked " + name + ": it is trusted again.";
                }));
    }

    private TrustState block(PeerId peer) throws PermissionException {
        permissions.setTrust(peer, TrustState.BLOCKED);
        return TrustState.BLOCKED;
    }

    private void tell(String text) {
        outcome = text;
        show();
    }

    private void show() {
        integrity.setText(outcome.isEmpty() ? checked : checked + "\n" + outcome);
        StatusLabels.fit(integrity);
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
            checked = report.intact() ? Counts.of(report.total(), "entry", "entries") + "; the hash chain is intact."
                    : "WARNING: the audit log was tampered with: " + report.problem().orElse("") + ".";
            show();
        });
    }
}
