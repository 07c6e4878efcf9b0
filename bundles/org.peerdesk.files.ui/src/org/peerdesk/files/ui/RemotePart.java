package org.peerdesk.files.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.files.RemoteListing;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.TransportService;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Browses what a connected peer shares with this node: its shares, then folder by folder (as far as
 * the peer's grants reach). Double-click opens a folder; "Download" fetches the selection into the
 * node's downloads folder, and the Transfers view follows it.
 */
public final class RemotePart {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Inject
    UISynchronize ui;

    @Inject
    @Optional
    @Service
    RemoteFiles remote;

    @Inject
    @Optional
    @Service
    Transfers transfers;

    @Inject
    @Optional
    @Service
    TransportService transport;

    private final List<ConnectedPeer> peers = new ArrayList<>();
    private Combo peerChoice;
    private Label location;
    private TableViewer table;
    private Background background;
    private String folder = "";

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        if (remote == null || transport == null) {
            new Label(parent, SWT.WRAP).setText("The node is not running, so there are no peers to browse.");
            return;
        }
        Composite bar = ControlRows.create(parent);
        Composite peerField = ControlRows.together(bar, 2);
        new Label(peerField, SWT.NONE).setText("Peer:");
        peerChoice = WidgetIds.name(new Combo(peerField, SWT.READ_ONLY), "remote.peer");
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(peerChoice);
        peerChoice.addListener(SWT.Selection, event -> open(""));
        Tables.button(bar, "Up", "remote.up", this::up);
        Tables.button(bar, "Download", "remote.download", this::download);
        Tables.button(bar, "Upload...", "remote.upload", this::chooseUpload);
        Tables.button(bar, "Refresh", "remote.refresh", this::reloadPeers);
        location = StatusLabels.create(parent, "remote.location");
        table = Tables.create(parent, "remote.entries");
        Tables.column(table, FileEntry.class, "Name", 260, entry -> entry.name() + (entry.directory() ? "/" : ""));
        Tables.column(table, FileEntry.class, "Size", 90, entry -> entry.directory() ? "" : ByteSizes.format(entry.size()));
        Tables.column(table, FileEntry.class, "Modified", 140, entry -> folder.isEmpty() ? "" : WHEN.format(entry.modified()));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        table.addDoubleClickListener(event -> {
            FileEntry entry = Tables.selected(table, FileEntry.class);
            if (entry != null && entry.directory()) {
                open(child(entry));
            }
        });
        DropTarget drop = new DropTarget(table.getControl(), DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(FileTransfer.getInstance());
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = folder.isEmpty() ? DND.DROP_NONE : DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] files) {
                    upload(files);
                }
            }
        });
        background = new Background(ui, location);
        reloadPeers();
    }

    private void reloadPeers() {
        peers.clear();
        peers.addAll(transport.connectedPeers());
        PeerId shown = peer();
        peerChoice.removeAll();
        for (ConnectedPeer peer : peers) {
            peerChoice.add(peer.displayName() + " (" + peer.id().shortForm() + ")");
        }
        if (peers.isEmpty()) {
            location.setText("No peer is connected. Connect to one in the Peers view, then come back.");
            table.setInput(List.of());
            return;
        }
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).id().equals(shown)) {
                peerChoice.select(i);
                open(folder);
                return;
            }
        }
        // asking a peer that gave us nothing is a refusal in its audit log: ask only the one the user picks
        location.setText("Choose a peer to see what it shares with you.");
        table.setInput(List.of());
    }

    private PeerId peer() {
        int index = peerChoice.getSelectionIndex();
        return index < 0 || index >= peers.size() ? null : peers.get(index).id();
    }

    /** The path to ask for when opening {@code entry}: a share at the top, share/path below. */
    private String child(FileEntry entry) {
        return folder.isEmpty() ? entry.name() : folder + "/" + entry.name();
    }

    private void up() {
        open(folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/')) : "");
    }

    private void open(String path) {
        PeerId peer = peer();
        if (peer == null) {
            return;
        }
        folder = path;
        location.setText("Reading " + (path.isEmpty() ? "the peer's shares" : path) + "...");
        background.refresh(() -> path.isEmpty() ? shareEntries(remote.shares(peer)) : everything(peer, path), (entries, error) -> {
            if (error != null) {
                location.setText(error);
                table.setInput(List.of());
            } else {
                location.setText(path.isEmpty()
                        ? (entries.isEmpty() ? "This peer shares nothing with you yet. Ask for access in the Access view."
                                : "Shares you may read. Double-click to open one.")
                        : path + ": " + Counts.of(entries.size(), "entry", "entries") + ". Double-click a folder to open it; select and Download to fetch;"
                                + " drop files here (or Upload...) to send them, where the peer granted you write.");
                table.setInput(entries);
            }
            StatusLabels.fit(location);
        });
    }

    /** Every page of a folder (a folder of 100,000 entries arrives a thousand at a time). */
    private List<FileEntry> everything(PeerId peer, String path) throws Exception {
        List<FileEntry> entries = new ArrayList<>();
        String after = "";
        RemoteListing page;
        do {
            page = remote.list(peer, path, after, RemoteFiles.MAX_PAGE);
            entries.addAll(page.entries());
            after = page.next().orElse(null);
        } while (after != null);
        return entries;
    }

    private static List<FileEntry> shareEntries(List<String> names) {
        return names.stream().map(name -> new FileEntry(name, true, 0, java.time.Instant.EPOCH, 0755)).toList();
    }

    private void chooseUpload() {
        if (folder.isEmpty()) {
            location.setText("Open a share (or a folder in it) first: uploads go into the folder shown.");
            return;
        }
        FileDialog dialog = new FileDialog(table.getControl().getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Upload into " + folder);
        if (dialog.open() != null) {
            upload(java.util.Arrays.stream(dialog.getFileNames()).map(name -> dialog.getFilterPath() + java.io.File.separator + name)
                    .toArray(String[]::new));
        }
    }

    /** Uploads files or folders (chosen or dropped from the desktop) into the folder shown; the peer must grant write there. */
    private void upload(String[] files) {
        PeerId peer = peer();
        String into = folder;
        if (peer == null || into.isEmpty() || transfers == null) {
            location.setText("Open a share (or a folder in it) first: uploads go into the folder shown.");
            return;
        }
        background.run(() -> {
            for (String file : files) {
                new TransferJob(transfers, transfers.upload(java.nio.file.Path.of(file), peer, into)).schedule();
            }
            return files.length;
        }, (count, error) -> {
            location.setText(error != null ? error
                    : "Uploading " + Counts.of(count, "item") + " into " + into + "; the Transfers view shows how it goes.");
            StatusLabels.fit(location);
        });
    }

    private void download() {
        PeerId peer = peer();
        FileEntry entry = Tables.selected(table, FileEntry.class);
        if (peer == null || entry == null || transfers == null) {
            location.setText("Select a file or folder to download.");
            return;
        }
        String path = child(entry);
        background.run(() -> {
            Transfer started = transfers.download(peer, path, java.util.Optional.empty());
            new TransferJob(transfers, started).schedule();
            return started;
        }, (transfer, error) -> {
            location.setText(error != null ? error
                    : "Downloading " + path + " to " + transfer.local() + "; the Transfers view shows how it goes.");
            StatusLabels.fit(location);
        });
    }
}
