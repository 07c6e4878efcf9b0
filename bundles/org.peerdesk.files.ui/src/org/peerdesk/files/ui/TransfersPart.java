package org.peerdesk.files.ui;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;
import org.peerdesk.core.Elapsed;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.PeerActions;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;

import jakarta.annotation.PostConstruct;

import jakarta.inject.Inject;

/** Downloads and uploads with their progress, speed and time left; cancel, retry, open where they went, and take them off the list. */
public final class TransfersPart {

    /** Folder names longer than this are cut in the What column (the tooltip has the whole path). */
    private static final int LONGEST_FOLDER = 16;

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    MApplication application;

    @Inject
    @Optional
    @Service
    Transfers transfers;

    @Inject
    @Optional
    @Service
    RateLimitSettings rateLimits;

    @Inject
    @Optional
    @Service
    AccessRequests access;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private Label status;
    private TableViewer table;
    private Background background;
    /** What the user's last action came to, said before the summary until a transfer changes. */
    private String outcome = "";

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        status = StatusLabels.create(parent, "transfers.status");
        if (transfers == null) {
            status.setText("The node is not running, so there are no transfers to show.");
            return;
        }
        Composite actions = ControlRows.create(parent);
        Tables.button(actions, "Cancel", "transfers.cancel", () -> act(transfer -> transfers.cancel(transfer.id())));
        Tables.button(actions, "Retry", "transfers.retry", () -> act(transfer -> transfers.retry(transfer.id())));
        Tables.button(actions, "Ask for access...", "transfers.ask", this::askForAccess);
        Tables.button(actions, "Open folder", "transfers.open", this::openFolder);
        Tables.button(actions, "Remove", "transfers.remove", this::remove);
        Tables.button(actions, "Clear finished", "transfers.clear", this::clearFinished);
        table = Tables.create(parent, "transfers.table");
        ContextMenus.mirror(table.getControl(), actions);
        Tables.keyedBy(table, Transfer.class, Transfer::id);
        Tables.column(table, Transfer.class, "What", 220, TransfersPart::what,
                transfer -> transfer.direction() == Transfer.Direction.UPLOAD ? transfer.local().toString() : transfer.remote());
        Tables.column(table, Transfer.class, "State", 80, transfer -> transfer.state().word());
        Tables.column(table, Transfer.class, "Progress", 260, TransfersPart::progress);
        Tables.column(table, Transfer.class, "To", 200, TransfersPart::destination);
        Tables.column(table, Transfer.class, "Problem", 260, transfer -> transfer.problem().orElse(""));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        table.addDoubleClickListener(event -> openDone());
        RemoteDownloads.accept(table.getControl(), event -> true, (event, entries) -> background.run(
                () -> RemoteDownloads.start(transfers, entries, java.util.Optional.empty()),
                (jobs, error) -> {
                    status.setText(error != null ? error : "Downloading " + Counts.of(jobs.size(), "item") + " into the downloads folder.");
                    StatusLabels.fit(status);
                }));
        background = new Background(ui, status);
        refresh();
        UiEvents.follow(events, FileTopics.TRANSFER_CHANGED, status, () -> {
            outcome = "";
            refresh();
        });
        UiEvents.follow(events, FileTopics.TRANSFER_REMOVED, status, this::refresh);
        UiEvents.follow(events, TransportTopics.RATE_LIMITS_CHANGED, status, this::refresh);
    }

    /** The file's or folder's name first, then (for a download) the folder of the share it comes from. */
    private static String what(Transfer transfer) {
        if (transfer.direction() == Transfer.Direction.UPLOAD) {
            return "\u2191 " + name(transfer);
        }
        String remote = transfer.remote();
        int slash = remote.lastIndexOf('/');
        return slash < 0 ? "\u2193 " + remote : "\u2193 " + name(transfer) + "  in " + Arrays.stream(remote.substring(0, slash)
                .split("/")).map(TransfersPart::shortened).collect(Collectors.joining("/"));
    }

    /** The name of the file or folder a transfer carries. */
    static String name(Transfer transfer) {
        if (transfer.direction() == Transfer.Direction.UPLOAD) {
            return String.valueOf(transfer.local().getFileName());
        }
        return transfer.remote().substring(transfer.remote().lastIndexOf('/') + 1);
    }

    /** A folder name cut to its start when it is long (an ID, say), so that the name before it stays in sight. */
    private static String shortened(String folder) {
        return folder.length() <= LONGEST_FOLDER ? folder : folder.substring(0, LONGEST_FOLDER / 2) + "\u2026";
    }

    private static String destination(Transfer transfer) {
        return transfer.direction() == Transfer.Direction.UPLOAD ? transfer.remote() + " at " + transfer.peer().shortForm()
                : transfer.local().toString();
    }

    static String progress(Transfer transfer) {
        Transfer.Progress progress = transfer.progress();
        if (progress.filesTotal() == 0) { // not listed yet, or nothing in it
            return transfer.state() == Transfer.State.DONE ? "an empty folder" : "";
        }
        // what a narrow column must not cut off first: how far, how fast, how long still
        String speed = transfer.state() == Transfer.State.RUNNING && progress.bytesPerSecond() > 0
                ? ByteSizes.format(progress.bytesPerSecond()) + "/s"
                        + progress.timeLeft().map(left -> ", " + Elapsed.duration(left) + " left").orElse("") + "  "
                : "";
        return Math.round(progress.fraction() * 100) + "%  " + speed + ByteSizes.format(progress.bytesDone()) + " of "
                + ByteSizes.format(progress.bytesTotal())
                + (progress.filesTotal() > 1 ? ", " + progress.filesDone() + "/" + progress.filesTotal() + " files" : "");
    }

    private record Shown(List<Transfer> transfers, RateLimits limits) {
    }

    void refresh() {
        background.refresh(() -> new Shown(transfers.transfers(), rateLimits == null ? RateLimits.NONE : rateLimits.limits()),
                (shown, error) -> {
                    if (error != null) {
                        status.setText("Transfers cannot be read: " + error);
                        return;
                    }
                    List<Transfer> list = shown.transfers();
                    table.setInput(list);
                    String empty = (outcome.isEmpty() ? "No transfers yet. " : "") // not "yet" right after the list was cleared
                            + "Drag files from \"Browse peers\" here to download them, or drop files from your desktop on a peer's folder"
                            + " there to upload them.";
                    status.setText(outcome + (list.isEmpty() ? empty : byState(list)) + limited(shown.limits()));
                    StatusLabels.fit(status);
                });
    }

    /** How many transfers are in each state there is: "1 running, 1 waiting, 3 done." */
    private static String byState(List<Transfer> transfers) {
        Map<Transfer.State, Long> counts = transfers.stream().collect(Collectors.groupingBy(Transfer::state,
                () -> new EnumMap<>(Transfer.State.class), Collectors.counting()));
        return counts.entrySet().stream().map(count -> count.getValue() + " " + (count.getKey() == Transfer.State.QUEUED ? "waiting"
                : count.getKey().word())).collect(Collectors.joining(", ")) + ".";
    }

    /** Why transfers may be slower than the link: the limits the user set, and where to change them. */
    static String limited(RateLimits limits) {
        if (!limits.any()) {
            return "";
        }
        return " Limited to " + ByteSizes.formatRate(limits.uploadBytesPerSecond()) + " up, "
                + ByteSizes.formatRate(limits.downloadBytesPerSecond()) + " down"
                + limits.hours().map(hours -> " from " + hours.from() + " to " + hours.until()).orElse("") + " (File, Settings..., Network).";
    }

    private interface TransferAction {
        Transfer run(Transfer transfer) throws Exception;
    }

    /** The selected transfer; none, and the status line says to select one. */
    private Transfer selectedOrAsk() {
        Transfer transfer = Tables.selected(table, Transfer.class);
        if (transfer == null) {
            status.setText("Select a transfer first.");
        }
        return transfer;
    }

    private void act(TransferAction action) {
        Transfer transfer = selectedOrAsk();
        if (transfer == null) {
            return;
        }
        background.run(() -> action.run(transfer), (changed, error) -> {
            if (error != null) {
                told(error); // said before the counts, which the refresh puts back
            } else {
                refresh();
            }
        });
    }

    /**
     * Asks the selected transfer's peer for the right it needs there (read on what it downloads, write where it uploads),
     * unless the peer says it gives that already.
     */
    private void askForAccess() {
        Transfer transfer = selectedOrAsk();
        if (transfer == null) {
            return;
        }
        Right right = transfer.direction() == Transfer.Direction.UPLOAD ? Right.WRITE : Right.READ;
        // the giver's name, where it gives the right already; both looked up off the UI thread (they read the database)
        background.run(() -> access != null && GivenRights.give(access.given(), transfer.peer(), right, transfer.grantPath(), Instant.now())
                ? java.util.Optional.of(directory == null ? transfer.peer().shortForm() : directory.nameOf(transfer.peer()))
                : java.util.Optional.<String>empty(),
                (giver, error) -> {
                    if (giver != null && giver.isPresent()) {
                        told(giver.get() + " already gives you " + right.word() + " on '" + transfer.grantPath() + "'"
                                + (transfer.state() == Transfer.State.FAILED ? ": Retry starts the " + transfer.direction().word() + " again." : "."));
                    } else if (!PeerActions.run(application, PeerActions.ASK_FOR_ACCESS, Map.of(PeerActions.PEER, transfer.peer().toString(),
                            PeerActions.RESOURCE, transfer.grantPath(), PeerActions.RIGHTS, right.word()))) {
                        told("Access is asked for in the Access view, which is not installed here: peerdesk request "
                                + transfer.peer().shortForm() + " " + transfer.grantPath() + " " + right.word());
                    }
                });
    }

    /** Takes the selected transfer off the list; an unfinished download's partial files go with it. */
    private void remove() {
        Transfer transfer = selectedOrAsk();
        if (transfer == null) {
            return;
        }
        background.run(() -> transfers.remove(transfer.id()), (removed, error) -> {
            told(error != null ? error : "Removed the " + removed.direction().word() + " of " + name(removed) + " from the list"
                    + (partlyFetched(removed) ? " and deleted the " + ByteSizes.format(removed.progress().bytesDone()) + " it had fetched."
                            : "."));
        });
    }

    /** A download that stopped with part of it fetched, which removing it deletes. */
    static boolean partlyFetched(Transfer transfer) {
        return transfer.direction() == Transfer.Direction.DOWNLOAD && transfer.state() != Transfer.State.DONE
                && transfer.progress().bytesDone() > 0;
    }

    private void clearFinished() {
        background.run(transfers::clearFinished, (cleared, error) -> told(error != null ? error
                : cleared == 0 ? "No done or cancelled transfers to clear." : "Cleared " + Counts.of(cleared, "done or cancelled transfer")
                        + " from the list."));
    }

    private void told(String said) {
        outcome = said + " ";
        refresh();
    }

    /** Opens what a finished download brought, with the program the desktop uses for it. */
    private void openDone() {
        Transfer transfer = Tables.selected(table, Transfer.class);
        if (transfer == null || transfer.state() != Transfer.State.DONE) {
            status.setText("Double-click a finished download to open it.");
            return;
        }
        java.nio.file.Path opened = transfer.brought();
        if (!Program.launch(opened.toString())) {
            status.setText("No program on this machine opens " + opened + ".");
        }
    }

    private void openFolder() {
        Transfer transfer = Tables.selected(table, Transfer.class);
        if (transfer != null && !Program.launch(transfer.local().toString())) {
            status.setText("No program on this machine opens folders; the files are in " + transfer.local());
        }
    }
}
