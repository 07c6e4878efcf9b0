package org.peerdesk.files.ui;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.peerdesk.core.Counts;
import org.peerdesk.core.NameOrder;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.permissions.event.GivenChanged;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.Drops;
import org.peerdesk.ui.PeerActions;
import org.peerdesk.ui.SpanningRows;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Browses what connected peers share with this node: a tree of peers, their shares, and the folders in them as
 * far as their grants reach, each read from its peer when first opened; or, after a search, what the peers
 * found by name. A file double-clicked is downloaded and opened; rows dragged onto the Transfers view (or onto a
 * share in the Shares view) download there; files dropped from the desktop onto a folder are uploaded into it.
 */
public final class RemotePart {

    static final String ID = "org.peerdesk.files.ui.part.remote";
    /** The peer to open, set in the application's context by "Browse its shares" ({@link BrowsePeerHandler}). */
    static final String BROWSE = "org.peerdesk.files.ui.browsePeer";

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    MApplication application;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    RemoteFiles remote;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    Transfers transfers;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    TransportService transport;

    private Label status;
    private Text search;
    private TreeViewer tree;
    private RemoteFolders folders;
    private RemoteTreeContent content;
    private Background background;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        if (remote == null || transport == null || transfers == null) {
            new Label(parent, SWT.WRAP).setText("The node is not running, so there are no peers to browse.");
            return;
        }
        search = WidgetIds.name(new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "remote.search");
        search.setMessage("Find files by name in what peers share with you (Enter)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        search.addListener(SWT.DefaultSelection, event -> find(event.detail == SWT.ICON_CANCEL ? "" : search.getText()));
        Composite bar = ControlRows.create(parent);
        Tables.button(bar, "Download", "remote.download", this::downloadSelection);
        Tables.button(bar, "Upload...", "remote.upload", this::chooseUpload);
        Tables.button(bar, "Refresh", "remote.refresh", this::refresh);
        status = StatusLabels.create(parent, "remote.status");
        tree = Tables.tree(parent, "remote.tree", SWT.MULTI);
        ContextMenus.mirror(tree.getControl(), bar);
        Tables.iconColumn(tree, RemoteItem.class, "Name", 300, RemoteItem::name, RemoteItem::icon);
        Tables.column(tree, RemoteItem.class, "Size", 90, RemoteItem::size);
        Tables.column(tree, RemoteItem.class, "Modified", 140, RemoteItem::modified);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tree.getControl());
        background = new Background(ui, status);
        folders = new RemoteFolders(remote);
        content = new RemoteTreeContent((item, done) -> background.run(() -> folders.below(item), done), item -> tree.refresh(item));
        tree.setContentProvider(content);
        SpanningRows.of(tree, row -> row instanceof RemoteItem.Note || row instanceof RemoteItem.Unshared);
        tree.addDoubleClickListener(event -> open(((IStructuredSelection) event.getSelection()).getFirstElement()));
        RemoteDownloads.offer(tree);
        acceptUploads();
        tree.setInput(content);
        status.setText("Open a peer to see what it shares with you. Double-click a file to download and open it; drag files and"
                + " folders onto the Transfers view (or a share in the Shares view) to download them there.");
        StatusLabels.fit(status);
        showPeers();
        UiEvents.follow(events, TransportTopics.ALL, status, this::showPeers);
        UiEvents.receive(events, PermissionTopics.GIVEN_CHANGED, GivenChanged.class, status, changed -> readAgain(changed.owner()));
    }

    /** What {@code peer} lets this node see changed: its rows are read again, open ones at once. */
    private void readAgain(PeerId peer) {
        content.forget(peer);
        content.peer(peer).ifPresent(tree::refresh);
    }

    /** Opens {@code peer}'s row, as asked by "Browse its shares" on a peer. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void browse(@Named(BROWSE) PeerId peer) {
        if (peer == null || tree == null) {
            return;
        }
        showPeers();
        Optional<RemoteItem.Peer> row = content.peer(peer);
        if (row.isEmpty()) {
            report(peer.shortForm() + " is not connected, so what it shares cannot be browsed now.");
            return;
        }
        tree.setSelection(new StructuredSelection(row.get()), true);
        tree.setExpandedState(row.get(), true);
    }

    /** Asks the transport (not the peers: asking one is an entry in its audit log) who is connected. */
    private void showPeers() {
        content.peers(connectedPeers());
        tree.refresh();
    }

    /** The connected peers, in the order of their names, as the Peers view lists them. */
    private List<RemoteItem.Peer> connectedPeers() {
        return transport.connectedPeers().stream().map(peer -> new RemoteItem.Peer(peer.id(), peer.displayName()))
                .sorted(Comparator.comparing(RemoteItem.Peer::displayName, NameOrder.NAMES)).toList();
    }

    private void refresh() {
        search.setText("");
        content.browse();
        content.forget();
        showPeers();
    }

    /** Searches every connected peer's shares for {@code text}; empty text browses again. */
    private void find(String text) {
        if (text.isBlank()) {
            content.browse();
            tree.refresh();
            report("Open a peer to see what it shares with you.");
            return;
        }
        List<RemoteItem.Peer> peers = connectedPeers();
        if (peers.isEmpty()) {
            report("No peer is connected, so there is nothing to search. Connect to one in the Peers view.");
            return;
        }
        report("Searching " + Counts.of(peers.size(), "peer") + "...");
        background.run(() -> folders.find(peers, text), (rows, error) -> {
            if (error != null) {
                report(error);
                return;
            }
            if (!search.getText().equals(text)) {
                return; // a later search, or browsing, took its place
            }
            content.showFound(rows);
            tree.refresh();
            long found = rows.stream().filter(RemoteItem.Found.class::isInstance).count();
            report(found == 0 ? "Nothing found. Clear the search to browse again."
                    : "Found " + found + ". Double-click a file to download and open it, or select and Download;"
                            + " clear the search to browse again.");
        });
    }

    private void open(Object element) {
        switch (element) {
            case RemoteItem.More more -> content.showMore(more);
            case RemoteItem.Unshared unshared -> askForAccess(unshared.peer());
            case RemoteItem.Entry file when !file.folder() -> downloadAndOpen(file);
            case RemoteItem.Found found when !found.entry().folder() -> downloadAndOpen(found.entry());
            case RemoteItem.Found folder -> report("Select " + folder.entry().path() + " and Download it, or drag it onto the Transfers view.");
            case RemoteItem item when item.opens() -> tree.setExpandedState(item, !tree.getExpandedState(item));
            case null, default -> {
            }
        }
    }

    private void askForAccess(RemoteItem.Peer peer) {
        if (!PeerActions.run(application, PeerActions.ASK_FOR_ACCESS, Map.of(PeerActions.PEER, peer.id().toString()))) {
            report("Access is asked for in the Access view, which is not installed here: peerdesk request " + peer.id().shortForm()
                    + " SHARE read");
        }
    }

    private void downloadSelection() {
        List<RemoteItem.Entry> chosen = RemoteDownloads.entries(tree.getSelection());
        if (chosen.isEmpty()) {
            report("Select the files, folders or shares to download.");
            return;
        }
        background.run(() -> RemoteDownloads.start(transfers, chosen, Optional.empty()), (jobs, error) -> report(error != null ? error
                : "Downloading " + Counts.of(jobs.size(), "item") + " into the downloads folder; the Transfers view shows how it goes."));
    }

    /** The job is told to open the file before it is scheduled: a small file can arrive before a later listener is added. */
    private void downloadAndOpen(RemoteItem.Entry file) {
        report("Downloading " + file.path() + "; it opens when it is here.");
        background.run(() -> {
            TransferJob job = new TransferJob(transfers, transfers.download(file.peer(), file.path(), Optional.empty()));
            job.addJobChangeListener(new JobChangeAdapter() {
                @Override
                public void done(IJobChangeEvent event) {
                    ui.asyncExec(() -> opened(job, event.getResult().isOK()));
                }
            });
            job.schedule();
            return job;
        }, (job, error) -> {
            if (error != null) {
                report(error);
            }
        });
    }

    private void opened(TransferJob job, boolean arrived) {
        if (status.isDisposed()) {
            return;
        }
        Transfer transfer = job.transfer();
        Path file = transfer.brought();
        if (!arrived) {
            report(transfer.remote() + " did not arrive: " + transfer.problem().orElse("the download was cancelled")
                    + ". Retry it in the Transfers view.");
        } else if (Program.launch(file.toString())) {
            report("Downloaded and opened " + file + ".");
        } else {
            report("Downloaded " + file + "; no program on this machine opens it.");
        }
    }

    /** Files and folders dropped from the desktop onto a row go into the folder that row is (or is in). */
    private void acceptUploads() {
        Drops.accept(tree.getControl(), FileTransfer.getInstance(), event -> folderAt(event) != null, event -> {
            if (event.data instanceof String[] files) {
                upload(folderAt(event), files);
            }
        });
    }

    private static RemoteItem.Entry folderAt(DropTargetEvent event) {
        if (!(event.item instanceof TreeItem row)) {
            return null;
        }
        return switch (row.getData()) {
            case RemoteItem.Entry entry -> entry;
            case RemoteItem.Found found -> found.entry();
            case null, default -> null;
        };
    }

    private void chooseUpload() {
        List<RemoteItem.Entry> chosen = RemoteDownloads.entries(tree.getSelection());
        if (chosen.size() != 1) {
            report("Select the share or folder (or a file in it) to upload into.");
            return;
        }
        FileDialog dialog = new FileDialog(tree.getControl().getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Upload into " + chosen.get(0).folderPath());
        if (dialog.open() != null) {
            upload(chosen.get(0), Arrays.stream(dialog.getFileNames()).map(name -> Path.of(dialog.getFilterPath(), name).toString())
                    .toArray(String[]::new));
        }
    }

    /** Uploads files or folders into the folder {@code target} is (or is in); the peer must grant write there. */
    private void upload(RemoteItem.Entry target, String[] files) {
        String into = target.folderPath();
        background.run(() -> {
            for (String file : files) {
                new TransferJob(transfers, transfers.upload(Path.of(file), target.peer(), into)).schedule();
            }
            return files.length;
        }, (count, error) -> report(error != null ? error
                : "Uploading " + Counts.of(count, "item") + " into " + into + "; the Transfers view shows how it goes."));
    }

    private void report(String text) {
        status.setText(text);
        StatusLabels.fit(status);
    }
}
