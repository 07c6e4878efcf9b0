package org.peerdesk.permissions.ui;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.Approval;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.permissions.ui.AccessRows.GivenRow;
import org.peerdesk.permissions.ui.AccessRows.GrantRow;
import org.peerdesk.permissions.ui.AccessRows.RequestRow;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.PeerActions;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.SummaryLine;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.Times;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Who may use what: requests waiting for an answer (approve, deny), this node's own requests, the
 * grants it gave, by peer or by resource, with revoke, and what peers grant it; passwords are set
 * and listed here too.
 * The tab's count of waiting requests is the {@link AccessBadge}'s.
 */
public final class AccessPart {

    static final String ID = "org.peerdesk.permissions.ui.part.access";
    /** The peer to grant to, set in the application's context by "Grant access..." on a peer ({@link GrantPeerHandler}). */
    static final String GRANT_TO = "org.peerdesk.permissions.ui.grantTo";
    /** What to ask for, set in the application's context by "Ask for access..." ({@link AskAccessHandler}). */
    static final String ASK_FOR = "org.peerdesk.permissions.ui.askFor";

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    MApplication application;

    @Inject
    @Optional
    @Service
    PermissionService permissions;

    @Inject
    @Optional
    @Service
    AccessRequests requests;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private Label summary;
    /** What the last action here came to, shown before the counts. */
    private SummaryLine said;
    private TabFolder sections;
    private TabItem requestTab;
    private TabItem grantTab;
    private TabItem givenTab;
    private TableViewer requestTable;
    private TableViewer grantTable;
    private TableViewer givenTable;
    private Button byResource;
    private Label passwords;
    private Background background;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        if (permissions == null || requests == null || directory == null) {
            WidgetIds.name(new Label(parent, SWT.WRAP), "access.unavailable").setText("The node is not running, so there is no access to manage.");
            return;
        }
        summary = StatusLabels.create(parent, "access.summary");
        said = new SummaryLine(summary);
        background = new Background(ui, summary);

        // a tab each, so that every list has the view's height however short the view is
        sections = WidgetIds.name(new TabFolder(parent, SWT.TOP), "access.sections");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sections);
        requestTab = new TabItem(sections, SWT.NONE);
        Composite requestPage = section(requestTab, "Requests");
        requestTable = Tables.create(requestPage, "access.requests");
        Tables.column(requestTable, RequestRow.class, "", 40, RequestRow::way);
        Tables.column(requestTable, RequestRow.class, "Peer", 120, RequestRow::peer);
        Tables.column(requestTable, RequestRow.class, "Resource", 130, RequestRow::resource);
        Tables.column(requestTable, RequestRow.class, "Rights", 110, RequestRow::rights);
        Tables.column(requestTable, RequestRow.class, "Asked", 70, row -> Times.brief(row.request().created()),
                row -> Times.full(row.request().created()));
        Tables.column(requestTable, RequestRow.class, "State", 140, RequestRow::state,
                row -> row.state() + row.request().decided().map(when -> " (" + Times.full(when) + ")").orElse(""));
        Tables.column(requestTable, RequestRow.class, "Note", 200, RequestRow::note);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(requestTable.getControl());
        Composite requestActions = ControlRows.create(requestPage);
        Tables.button(requestActions, "Approve...", "access.approve", this::approveSelected);
        Tables.button(requestActions, "Deny", "access.deny", this::denySelected);
        Tables.button(requestActions, "Get access...", "access.get", () -> getAccess(java.util.Optional.empty()));
        ContextMenus.mirror(requestTable.getControl(), requestActions);

        grantTab = new TabItem(sections, SWT.NONE);
        Composite grantPage = section(grantTab, "Grants");
        grantTable = Tables.create(grantPage, "access.grants");
        Tables.column(grantTable, GrantRow.class, "Peer", 120, GrantRow::peer);
        Tables.column(grantTable, GrantRow.class, "Resource", 130, GrantRow::resource);
        Tables.column(grantTable, GrantRow.class, "Rights", 110, GrantRow::rights);
        Tables.column(grantTable, GrantRow.class, "Until", 130, GrantRow::expires);
        Tables.column(grantTable, GrantRow.class, "Given by", 80, GrantRow::origin);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(grantTable.getControl());
        Composite grantActions = ControlRows.create(grantPage);
        Tables.button(grantActions, "Grant access...", "access.grant", () -> grantAccess(java.util.Optional.empty()));
        Tables.button(grantActions, "Revoke", "access.revoke", this::revokeSelected);
        Tables.button(grantActions, "Set password...", "access.password", () -> {
            if (new PasswordDialog(parent.getShell(), permissions).open() == 0) {
                refresh();
            }
        });
        ContextMenus.mirror(grantTable.getControl(), grantActions);
        byResource = WidgetIds.name(new Button(grantActions, SWT.CHECK), "access.byResource");
        byResource.setText("Group by resource");
        byResource.addListener(SWT.Selection, event -> refresh());
        passwords = WidgetIds.name(new Label(grantPage, SWT.WRAP), "access.passwords");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(passwords);

        givenTab = new TabItem(sections, SWT.NONE);
        Composite givenPage = section(givenTab, "Given to you");
        givenTable = Tables.create(givenPage, "access.given");
        Tables.column(givenTable, GivenRow.class, "Peer", 120, GivenRow::peer);
        Tables.column(givenTable, GivenRow.class, "Resource", 130, GivenRow::resource);
        Tables.column(givenTable, GivenRow.class, "Rights", 220, GivenRow::rights);
        Tables.column(givenTable, GivenRow.class, "Until", 130, GivenRow::expires);
        Tables.column(givenTable, GivenRow.class, "Since", 130, GivenRow::since);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(givenTable.getControl());
        ContextMenus.of(givenTable.getControl(), () -> Tables.selected(givenTable, GivenRow.class) instanceof GivenRow row
                ? PeerActions.of(application, row.owner().toString()) : List.of());
        refresh();
        UiEvents.follow(events, PermissionTopics.ALL, summary, this::refresh);
    }

    /** The page of {@code tab}; the title gets its count at each refresh. */
    private static Composite section(TabItem tab, String title) {
        tab.setText(title);
        Composite page = new Composite(tab.getParent(), SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(page);
        tab.setControl(page);
        return page;
    }

    private void approveSelected() {
        RequestRow row = Tables.selected(requestTable, RequestRow.class);
        if (row == null || !row.awaitsMe()) {
            said.outcome("Select a request that waits for your answer.");
            return;
        }
        ApproveDialog dialog = new ApproveDialog(summary.getShell(), row.request(), row.peer(), row.stranger());
        if (dialog.open() != 0) {
            return;
        }
        java.util.Optional<Instant> expires = dialog.duration()
                .map(duration -> Instant.now().plus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        // a stranger approved becomes a known peer, named as it told this node: the outcome names it so
        act(() -> {
            requests.approve(row.request().id(), new Approval(java.util.Optional.of(dialog.rights()), expires, dialog.quota()));
            return directory.nameOf(row.request().peer());
        }, name -> name + " may now use " + row.resource() + ".");
    }

    /** Opens the Get access dialog filled in with {@code ask}, as asked by "Ask for access..." on a peer or a refused transfer. */
    @Inject
    @Optional
    void askFor(@Named(ASK_FOR) AccessAsk ask) {
        if (ask != null && background != null) {
            sections.setSelection(requestTab);
            getAccess(java.util.Optional.of(ask));
        }
    }

    private void getAccess(java.util.Optional<AccessAsk> ask) {
        background.run(directory::peers, (peers, error) -> {
            if (error != null) {
                said.outcome(error);
                return;
            }
            GetAccessDialog dialog = new GetAccessDialog(summary.getShell(), peers, ask, requests, ui);
            if (dialog.open() == 0) {
                said.outcome(dialog.outcome());
                refresh();
            }
        });
    }

    /** Opens the grant dialog for {@code peer}, as asked by "Grant access..." on a peer. */
    @Inject
    @Optional
    void grantTo(@Named(GRANT_TO) PeerId peer) {
        if (peer != null && background != null) {
            sections.setSelection(grantTab);
            grantAccess(java.util.Optional.of(peer));
        }
    }

    private void grantAccess(java.util.Optional<PeerId> to) {
        background.run(directory::peers, (peers, error) -> {
            if (error != null) {
                said.outcome(error);
                return;
            }
            GrantDialog dialog = new GrantDialog(summary.getShell(), peers, to, permissions, ui);
            if (dialog.open() == 0) {
                said.outcome(dialog.outcome());
                refresh();
            }
        });
    }

    private void denySelected() {
        RequestRow row = Tables.selected(requestTable, RequestRow.class);
        if (row == null || !row.awaitsMe()) {
            said.outcome("Select a request that waits for your answer.");
            return;
        }
        act(() -> requests.deny(row.request().id()), "Denied " + row.peer() + "'s request.");
    }

    private void revokeSelected() {
        GrantRow row = Tables.selected(grantTable, GrantRow.class);
        if (row == null) {
            said.outcome("Select the grant to revoke.");
            return;
        }
        act(() -> {
            permissions.revoke(row.grant().id());
            return null;
        }, "Revoked " + row.peer() + "'s " + row.rights() + " on " + row.resource() + "; open streams were closed.");
    }

    private void act(Background.Work<?> work, String done) {
        act(work, result -> done);
    }

    /** Runs {@code work} off the UI thread, then says what it came to, in words made of its result. */
    private <T> void act(Background.Work<T> work, Function<T, String> done) {
        background.run(work, (result, error) -> {
            said.outcome(error == null ? done.apply(result) : error);
            refresh();
        });
    }

    /** Tells what the last action came to; it stays in front of the counts until the next one. */
    private record Snapshot(List<RequestRow> requests, List<GrantRow> grants, String passwords, List<GivenRow> given) {
    }

    void refresh() {
        boolean grouped = byResource.getSelection();
        background.refresh(() -> {
            Map<PeerId, String> names = directory.peers().stream().collect(Collectors.toMap(KnownPeer::id, KnownPeer::name));
            Function<PeerId, String> name = peer -> {
                boolean blocked = permissions.trust(peer).filter(TrustState.BLOCKED::equals).isPresent();
                String known = names.get(peer);
                return known != null ? known + (blocked ? " (blocked)" : "")
                        : peer.shortForm() + (blocked ? " (stranger, blocked)" : " (stranger)");
            };
            return new Snapshot(AccessRows.requests(requests.requests(), peer -> java.util.Optional.ofNullable(names.get(peer))),
                    AccessRows.grants(permissions.grants(), name, grouped, Instant.now()),
                    AccessRows.passwords(permissions.passwords()), AccessRows.given(requests.given(), name, Instant.now()));
        }, (snapshot, error) -> {
            if (error != null) {
                summary.setText("Access cannot be shown: " + error);
                return;
            }
            requestTable.setInput(snapshot.requests());
            grantTable.setInput(snapshot.grants());
            passwords.setText(snapshot.passwords());
            givenTable.setInput(snapshot.given());
            long waiting = snapshot.requests().stream().filter(RequestRow::awaitsMe).count();
            requestTab.setText(waiting == 0 ? "Requests" : "Requests (" + waiting + " waiting)");
            grantTab.setText(snapshot.grants().isEmpty() ? "Grants" : "Grants (" + snapshot.grants().size() + ")");
            givenTab.setText(snapshot.given().isEmpty() ? "Given to you" : "Given to you (" + snapshot.given().size() + ")");
            said.counts((waiting == 0 ? "No request waits for you."
                    : waiting + (waiting == 1 ? " request waits" : " requests wait") + " for your answer.") + " "
                    + (snapshot.grants().isEmpty() ? "Nothing is shared." : Counts.of(snapshot.grants().size(), "grant") + ".")
                    + (snapshot.given().isEmpty() ? "" : " Peers give you " + Counts.of(snapshot.given().size(), "grant") + "."));
        });
    }
}
