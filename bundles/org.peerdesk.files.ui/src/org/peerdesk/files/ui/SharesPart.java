package org.peerdesk.files.ui;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableItem;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.Transfers;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.Icons;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.SummaryLine;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** This node's shares: what each holds, how its index stands, and who may read it. */
public final class SharesPart {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    @Optional
    @Service
    ShareService shares;

    @Inject
    @Optional
    @Service
    PermissionService permissions;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    @Inject
    @Optional
    @Service
    Transfers transfers;

    @Inject
    @Optional
    @Service
    SyncService sync;

    private volatile Map<String, String> access = Map.of();
    private Label status;
    private TableViewer table;
    private Background background;
    private SummaryLine said;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        status = StatusLabels.create(parent, "shares.status");
        if (shares == null) {
            status.setText("The node is not running, so there are no shares to show.");
            return;
        }
        said = new SummaryLine(status);
        Composite actions = ControlRows.create(parent);
        Tables.button(actions, "Share a folder...", "shares.add", this::add);
        Tables.button(actions, "Rename...", "shares.rename", this::rename);
        Tables.button(actions, "Rescan", "shares.rescan", () -> act(share -> shares.rescan(share.name()),
                share -> "Rescanning '" + share.name() + "': the Index column shows when it is current."));
        Tables.button(actions, "Ignore rules...", "shares.ignore", this::ignoreRules);
        Tables.button(actions, "Trash...", "shares.trash", this::trash)
                .setToolTipText("What peers deleted or replaced in the share, kept in its trash: put a file back");
        Tables.button(actions, "Stop sharing", "shares.remove", this::remove);
        table = Tables.create(parent, "shares.table");
        Tables.keyedBy(table, Share.class, Share::id);
        ContextMenus.mirror(table.getControl(), actions);
        Tables.iconColumn(table, Share.class, "Name", 120, Share::name, share -> Icons.SHARE);
        Tables.column(table, Share.class, "Folder", 240, share -> share.folder().toString());
        Tables.column(table, Share.class, "Files", 70, share -> String.valueOf(share.index().files()));
        Tables.column(table, Share.class, "Size", 80, share -> ByteSizes.format(share.index().bytes()));
        Tables.column(table, Share.class, "Who has access", 200, share -> access.getOrDefault(share.name(), "nobody yet"));
        Tables.column(table, Share.class, "Index", 200, SharesPart::indexState);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        background = new Background(ui, status);
        if (transfers != null) {
            RemoteDownloads.accept(table.getControl(), event -> shareAt(event) != null, this::downloadInto);
        }
        refresh();
        UiEvents.follow(events, FileTopics.SHARES_CHANGED, status, this::refresh);
        UiEvents.follow(events, PermissionTopics.ACCESS_CHANGED, status, this::refresh);
    }

    private static Share shareAt(DropTargetEvent event) {
        return event.item instanceof TableItem row && row.getData() instanceof Share share ? share : null;
    }

    /** Downloads rows dragged from the Remote browser into the share they were dropped on. */
    private void downloadInto(DropTargetEvent event, List<RemoteItem.Entry> entries) {
        Share share = shareAt(event);
        background.run(() -> RemoteDownloads.start(transfers, entries, java.util.Optional.of(share.folder())), (jobs, error) -> {
            said.outcome(error != null ? error
                    : "Downloading " + Counts.of(jobs.size(), "item") + " into " + share.name() + "; the Transfers view shows how it goes.");
        });
    }

    private static String indexState(Share share) {
        if (share.index().scanning()) {
            return "indexing...";
        }
        return share.index().problem().map(problem -> "problem: " + problem)
                .orElse(share.index().lastScan().map(at -> "current (checked " + WHEN.format(at) + ")").orElse("waiting"));
    }

    void refresh() {
        background.refresh(() -> {
            access = whoHasAccess();
            return shares.shares();
        }, (list, error) -> {
            if (error != null) {
                status.setText("Shares cannot be read: " + error);
                return;
            }
            table.setInput(list);
            said.counts(list.isEmpty() ? "Nothing shared yet. \"Share a folder...\" offers one to peers; nobody sees it"
                    + " until you grant access (Access view) or approve a request."
                    : Counts.of(list.size(), "share") + ". Peers see a share only as far as a grant reaches.");
        });
    }

    /**
     * Per share, the peers granted something on it or in it, each with what it may do: "Ben (read, write)", and where a
     * grant covers only a folder, "Cai (reports: read)".
     */
    private Map<String, String> whoHasAccess() throws Exception {
        if (permissions == null) {
            return Map.of();
        }
        Map<org.peerdesk.core.PeerId, String> names = directory == null ? Map.of()
                : directory.peers().stream().collect(Collectors.toMap(KnownPeer::id, KnownPeer::name));
        List<Grant> grants = permissions.grants();
        return grants.stream().filter(grant -> grant.resource().kind() == Resource.Kind.SHARE)
                .collect(Collectors.groupingBy(grant -> grant.resource().share(), Collectors.mapping(
                        grant -> names.getOrDefault(grant.peer(), grant.peer().shortForm()) + " ("
                                + (grant.resource().path().isEmpty() ? "" : grant.resource().path() + ": ")
                                + grant.rights().stream().sorted().map(Right::word).collect(Collectors.joining(", ")) + ")",
                        Collectors.collectingAndThen(Collectors.toCollection(LinkedHashSet::new), each -> String.join(", ", each)))));
    }

    private void add() {
        DirectoryDialog chooser = new DirectoryDialog(table.getControl().getShell());
        chooser.setText("Share a folder");
        chooser.setMessage("Pick the folder to share. Its files stay where they are; peers see them once you grant access.");
        String folder = chooser.open();
        if (folder == null) {
            return;
        }
        InputDialog name = new InputDialog(table.getControl().getShell(), "Name the share",
                "Peers see the share under this name:", Path.of(folder).getFileName().toString(), null);
        if (name.open() == Window.OK) {
            background.run(() -> shares.add(name.getValue(), Path.of(folder)), then(share -> "Sharing " + share.folder() + " as '"
                    + share.name() + "'; nobody sees it until you grant access."));
        }
    }

    private void rename() {
        Share share = Tables.selected(table, Share.class);
        if (share == null) {
            said.outcome("Select a share to rename.");
            return;
        }
        InputDialog name = new InputDialog(table.getControl().getShell(), "Rename the share", "New name:", share.name(), null);
        if (name.open() == Window.OK) {
            background.run(() -> shares.rename(share.name(), name.getValue()), then(renamed -> "Renamed '" + share.name() + "' to '"
                    + renamed.name() + "'."));
        }
    }

    private void ignoreRules() {
        Share share = Tables.selected(table, Share.class);
        if (share == null) {
            said.outcome("Select a share to choose what it leaves out.");
            return;
        }
        background.run(() -> shares.ignoreRules(share.name()), (rules, error) -> {
            if (error != null) {
                said.outcome(error);
                return;
            }
            IgnoreRulesDialog dialog = new IgnoreRulesDialog(table.getControl().getShell(), share.name(), rules);
            if (dialog.open() == Window.OK) {
                background.run(() -> shares.setIgnoreRules(share.name(), dialog.getValue()),
                        then(changed -> "Changed what '" + changed.name() + "' leaves out; it is indexed again."));
            }
        });
    }

    private void trash() {
        Share share = Tables.selected(table, Share.class);
        if (share == null || sync == null) {
            said.outcome(sync == null ? "File sharing is not running, so there is no trash to show." : "Select a share to see its trash.");
            return;
        }
        new TrashDialog(table.getControl().getShell(), share.name(), sync, ui).open();
    }

    private void remove() {
        Share share = Tables.selected(table, Share.class);
        if (share != null && MessageDialog.openConfirm(table.getControl().getShell(), "Stop sharing",
                "Stop sharing '" + share.name() + "'? Its files in " + share.folder() + " stay as they are.")) {
            act(selected -> {
                shares.remove(selected.name());
                return selected;
            }, removed -> "Stopped sharing '" + removed.name() + "'; its files stay in " + removed.folder() + ".");
        }
    }

    private interface ShareAction {
        Share run(Share share) throws Exception;
    }

    /** Runs {@code action} on the selected share, then says {@code done} of the share it leaves. */
    private void act(ShareAction action, Function<Share, String> done) {
        Share share = Tables.selected(table, Share.class);
        if (share == null) {
            said.outcome("Select a share first.");
            return;
        }
        background.run(() -> action.run(share), then(done));
    }

    /** Once an action is over: says {@code done} of the share it leaves, or why it failed; then shows the shares again. */
    private BiConsumer<Share, String> then(Function<Share, String> done) {
        return (share, error) -> {
            said.outcome(error != null ? error : done.apply(share));
            refresh();
        };
    }
}
