package org.peerdesk.transport.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.identity.event.IdentityTopics;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.NearbyPeers;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Clipboards;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.Icons;
import org.peerdesk.ui.PeerActions;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.SummaryLine;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Who this node is (name to change, peer ID to copy, invites to hand out) and the peers it knows:
 * online or not, where, when last seen. Kept current by the transport's and the identity's events, and read again
 * every half minute.
 */
public final class PeersPart {

    /** How often the view reads the peers again with no event to tell it: "seen 5 min ago" grows older by itself. */
    private static final int REREAD_EVERY_MILLIS = 30_000;

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    MApplication application;

    @Inject
    @Optional
    @Service
    NodeIdentity identity;

    @Inject
    @Optional
    @Service
    TransportService transport;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    @Inject
    @Optional
    @Service
    Introductions introductions;

    @Inject
    @Optional
    @Service
    PermissionService permissions;

    @Inject
    @Optional
    @Service
    NearbyPeers nearby;

    private TableViewer peers;
    /** The rows the table shows now. */
    private List<PeerRow> shown = List.of();
    /** What acts on a known peer, and what on a peer introduced: those of the selected row are shown. */
    private List<Button> onKnown = List.of();
    private List<Button> onIntroduced = List.of();
    private Label summary;
    private SummaryLine said;
    private Background background;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).spacing(6, 6).numColumns(2).applyTo(parent);
        if (identity == null || transport == null || directory == null || introductions == null) {
            Label unavailable = WidgetIds.name(new Label(parent, SWT.WRAP), "peers.unavailable");
            unavailable.setText("The node is not running, so there are no peers to show.");
            return;
        }
        Label name = WidgetIds.name(new Label(parent, SWT.NONE), "identity.name");
        name.setText(identity.displayName());
        name.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(name);
        Button rename = WidgetIds.name(new Button(parent, SWT.PUSH), "identity.rename");
        rename.setText("Rename...");
        rename.setToolTipText("The name other peers see for this node");
        rename.addListener(SWT.Selection, event -> rename(parent));
        GridDataFactory.fillDefaults().applyTo(rename);
        Label unnamed = WidgetIds.name(new Label(parent, SWT.WRAP), "identity.unnamed");
        unnamed.setText("Peers see this node by the name above, made from your user and machine names."
                + " Rename it to one they will know you by.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(200, SWT.DEFAULT).applyTo(unnamed);
        showIf(unnamed, !identity.named());
        UiEvents.follow(events, IdentityTopics.RENAMED, name, () -> {
            name.setText(identity.displayName());
            showIf(unnamed, !identity.named());
            name.getParent().layout(true);
        });

        Text id = WidgetIds.name(new Text(parent, SWT.READ_ONLY | SWT.WRAP), "identity.peerId");
        id.setText(identity.peerId().toString());
        id.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(id);
        Button copy = WidgetIds.name(new Button(parent, SWT.PUSH), "identity.copy");
        copy.setText("Copy ID");
        copy.addListener(SWT.Selection, event -> Clipboards.copy(copy.getDisplay(), identity.peerId().toString()));

        Composite actions = ControlRows.create(parent);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(actions);
        Button invite = WidgetIds.name(new Button(actions, SWT.PUSH), "peers.invite");
        invite.setText("Invite someone...");
        invite.addListener(SWT.Selection, event -> openInvite(parent));
        Button add = WidgetIds.name(new Button(actions, SWT.PUSH), "peers.add");
        add.setText("Add peer...");
        add.addListener(SWT.Selection, event -> {
            if (new AddPeerDialog(parent.getShell(), introductions, java.util.Optional.ofNullable(nearby), ui).open() == 0) {
                refresh();
            }
        });

        summary = StatusLabels.create(parent, "peers.summary");
        ((GridData) summary.getLayoutData()).horizontalSpan = 2;
        said = new SummaryLine(summary);
        background = new Background(ui, summary);
        peers = Tables.create(parent, "peers.table");
        Tables.keyedBy(peers, PeerRow.class, PeerRow::id);
        Tables.iconColumn(peers, PeerRow.class, "Name", 100, PeerRow::name, row -> row.online() ? Icons.PEER : Icons.PEER_AWAY,
                row -> row.introducedTip().orElse(row.name()));
        Tables.column(peers, PeerRow.class, "State", 125, PeerRow::state, row -> row.stateTip().orElse(row.state()));
        Tables.column(peers, PeerRow.class, "Trust", 60, PeerRow::trust);
        Tables.column(peers, PeerRow.class, "Address", 120, PeerRow::address, row -> row.addressTip().orElse(row.address()));
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(peers.getControl());
        // what acts on the selected peer, below its table: above, the row of what adds peers stays one row wide
        Composite onSelected = ControlRows.create(parent);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(onSelected);
        Button block = WidgetIds.name(new Button(onSelected, SWT.PUSH), "peers.block");
        block.setText("Block / unblock");
        block.setToolTipText("A blocked peer cannot connect, and its streams are closed");
        block.setEnabled(permissions != null);
        block.addListener(SWT.Selection, event -> toggleBlock());
        Button forget = WidgetIds.name(new Button(onSelected, SWT.PUSH), "peers.forget");
        forget.setText("Forget...");
        forget.setToolTipText("Remove the peer: its grants end, and this node no longer connects to it");
        forget.setEnabled(permissions != null);
        forget.addListener(SWT.Selection, event -> forget(parent));
        Button introduce = WidgetIds.name(new Button(onSelected, SWT.PUSH), "peers.introduce");
        introduce.setText("Introduce...");
        introduce.setToolTipText("Introduce the peer to others you know, so that they can add each other without an invite");
        introduce.addListener(SWT.Selection, event -> introduce(parent));
        Button accept = WidgetIds.name(new Button(onSelected, SWT.PUSH), "peers.accept");
        accept.setText("Add");
        accept.setToolTipText("Add the peer introduced to you; you connect once they add you too");
        accept.addListener(SWT.Selection, event -> answerIntroduction(true));
        Button decline = WidgetIds.name(new Button(onSelected, SWT.PUSH), "peers.decline");
        decline.setText("Decline");
        decline.setToolTipText("Forget the introduction; whoever made it is not told");
        decline.addListener(SWT.Selection, event -> answerIntroduction(false));
        onKnown = List.of(block, forget, introduce);
        onIntroduced = List.of(accept, decline);
        peers.addSelectionChangedListener(event -> matchActionsToSelection());
        matchActionsToSelection();
        ContextMenus.of(peers.getControl(), () -> {
            List<ContextMenus.Action> onPeer = new ArrayList<>(ContextMenus.shown(Stream.concat(onKnown.stream(), onIntroduced.stream())));
            PeerRow selected = Tables.selected(peers, PeerRow.class);
            if (selected != null && selected.introduced().isEmpty()) {
                onPeer.addAll(PeerActions.of(application, selected.id().toString()));
            }
            return onPeer;
        });
        refresh();
        UiEvents.every(REREAD_EVERY_MILLIS, summary, this::refresh);
        UiEvents.follow(events, TransportTopics.ALL, summary, this::refresh);
        UiEvents.follow(events, PermissionTopics.ACCESS_CHANGED, summary, this::refresh);
    }

    /** Shows the buttons that act on the selected row: a peer introduced is added or declined, a known one blocked, forgotten, introduced. */
    private void matchActionsToSelection() {
        boolean introduced = Tables.selected(peers, PeerRow.class) instanceof PeerRow row && row.introduced().isPresent();
        if (onIntroduced.get(0).getVisible() == introduced && onKnown.get(0).getVisible() != introduced) {
            return;
        }
        onKnown.forEach(button -> ControlRows.show(button, !introduced));
        onIntroduced.forEach(button -> ControlRows.show(button, introduced));
        peers.getControl().getParent().layout(true, true);
    }

    /** Shows the control, or hides it and gives its place to the others. */
    private static void showIf(Control control, boolean shown) {
        control.setVisible(shown);
        ((GridData) control.getLayoutData()).exclude = !shown;
    }

    private void rename(Composite parent) {
        InputDialog dialog = new InputDialog(parent.getShell(), "Rename this node",
                "The name other peers see for this node (connected peers see a new name at once):",
                identity.displayName(), PeersPart::problemWithName);
        if (dialog.open() == Window.OK) {
            background.run(() -> {
                identity.rename(dialog.getValue());
                return null;
            }, (done, error) -> said.outcome(error != null ? error : "This node is now called " + identity.displayName() + "."));
        }
    }

    private static String problemWithName(String name) {
        try {
            NodeIdentity.checkedName(name);
            return null;
        } catch (IdentityException e) {
            return e.getMessage();
        }
    }

    private void openInvite(Composite parent) {
        background.run(introductions::invite, (invite, error) -> {
            if (error != null) {
                said.outcome("Could not make an invite: " + error);
            } else {
                new InviteDialog(parent.getShell(), invite).open();
            }
        });
    }

    /** Forgets the selected peer once the user confirms, saying what that ends. */
    private void forget(Composite parent) {
        Object selected = peers.getStructuredSelection().getFirstElement();
        if (!(selected instanceof PeerRow row)) {
            said.outcome("Select the peer to forget.");
            return;
        }
        if (!MessageDialog.openConfirm(parent.getShell(), "Forget peer", "Forget " + row.name() + "? Whatever you granted it ends, "
                + "and this node no longer connects to it. Your conversations with it stay. Like any stranger it may still "
                + "connect to ask for access; block it to refuse that too.")) {
            return;
        }
        background.run(() -> permissions.forget(row.id()).size(), (ended, error) -> {
            said.outcome(error != null ? error : "Forgot " + row.name() + "; " + Counts.of(ended, "grant") + " ended.");
            refresh();
        });
    }

    /** Blocks the selected peer, or trusts it again if it is blocked. */
    private void toggleBlock() {
        Object selected = peers.getStructuredSelection().getFirstElement();
        if (!(selected instanceof PeerRow row)) {
            said.outcome("Select the peer to block or unblock.");
            return;
        }
        TrustState next = row.trust().equals(TrustState.BLOCKED.word()) ? TrustState.TRUSTED : TrustState.BLOCKED;
        background.run(() -> {
            permissions.setTrust(row.id(), next);
            return next;
        }, (state, error) -> {
            said.outcome(error != null ? error
                    : state == TrustState.BLOCKED ? row.name() + " is blocked: it cannot connect." : row.name() + " is trusted again.");
            refresh();
        });
    }

    /** Introduces the selected peer to the known peers the user ticks. */
    private void introduce(Composite parent) {
        PeerRow selected = Tables.selected(peers, PeerRow.class);
        if (selected == null || selected.introduced().isPresent()) {
            said.outcome("Select the peer to introduce.");
            return;
        }
        List<PeerRow> others = shown.stream().filter(row -> row.introduced().isEmpty() && !row.id().equals(selected.id())).toList();
        if (others.isEmpty()) {
            said.outcome("There is no other peer to introduce " + selected.name() + " to.");
            return;
        }
        IntroduceDialog dialog = new IntroduceDialog(parent.getShell(), selected.name(), others);
        if (dialog.open() != Window.OK) {
            return;
        }
        List<PeerId> introduced = Stream.concat(Stream.of(selected.id()), dialog.chosen().stream()).toList();
        background.run(() -> {
            introductions.introduce(introduced);
            return null;
        }, (done, error) -> said.outcome(error != null ? error : "Introduced " + selected.name() + " to " + Counts.of(dialog.chosen().size(),
                "peer") + ". Each hears of it when connected, and adds the other by accepting."));
    }

    /** Adds the peer of the selected introduction, or declines it. */
    private void answerIntroduction(boolean add) {
        PeerRow selected = Tables.selected(peers, PeerRow.class);
        if (selected == null || selected.introduced().isEmpty()) {
            said.outcome("Select a peer introduced to you.");
            return;
        }
        Introduction introduction = selected.introduced().get().introduction();
        String introducer = selected.introduced().get().by();
        background.run(() -> {
            if (add) {
                introductions.acceptIntroduction(introduction.id());
            } else {
                introductions.declineIntroduction(introduction.id());
            }
            return transport.connection(introduction.peer()).isPresent();
        }, (connected, error) -> {
            said.outcome(error != null ? error : !add ? "Declined " + introducer + "'s introduction of " + selected.name() + "."
                    : "Added " + selected.name() + ", introduced by " + introducer + ". " + (connected ? "Connected."
                            : "You connect once " + selected.name() + " has added you too, and is online."));
            refresh();
        });
    }

    private String trust(PeerId peer) {
        return permissions == null ? "" : permissions.trust(peer).map(TrustState::word).orElse("stranger");
    }

    /** Reads the known peers, and those introduced, off the UI thread and shows them. */
    void refresh() {
        background.refresh(() -> PeerRow.of(directory.peers(), transport.connectedPeers(), introductions.introductions(), this::trust,
                directory::nameOf, transport::dialProblem, Instant.now()), this::show);
    }

    private void show(List<PeerRow> rows, String error) {
        if (error != null) {
            summary.setText("The peers cannot be shown: " + error);
            return;
        }
        shown = rows;
        peers.setInput(rows);
        matchActionsToSelection(); // the selected row may have become a known peer's
        List<PeerRow> known = rows.stream().filter(row -> row.introduced().isEmpty()).toList();
        List<PeerRow> introduced = rows.stream().filter(row -> row.introduced().isPresent()).toList();
        long online = known.stream().filter(PeerRow::online).count();
        String counts = known.isEmpty() ? "No peers yet: invite someone, or add a peer."
                : Counts.of(known.size(), "peer") + ", " + online + " online.";
        said.counts(introduced.isEmpty() ? counts : counts + " " + (introduced.size() == 1
                ? introduced.get(0).introduced().get().by() + " introduced " + introduced.get(0).name() + " to you"
                : Counts.of(introduced.size(), "peer") + " were introduced to you") + ": select to add or decline.");
    }
}
