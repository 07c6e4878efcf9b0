package org.peerdesk.files.ui;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.Counts;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.Icons;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.SummaryLine;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.Times;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Two-way sync: which shares sync with which peers and how the last round went; start and stop a
 * pair; and the conflicts, each with the two versions to open and a choice to make.
 */
public final class SyncPart {

    static final String ID = "org.peerdesk.files.ui.part.sync";
    /** How often the view reads the pairs again with no event to tell it: whether a peer still reads this node's changes. */
    private static final int REREAD_EVERY_MILLIS = 60_000;

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    @Optional
    @Service
    SyncService sync;

    @Inject
    @Optional
    @Service
    ShareService shares;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    @Inject
    @Optional
    @Service
    NodeIdentity identity;

    private final List<Share> shareChoices = new ArrayList<>();
    private final List<KnownPeer> peerChoices = new ArrayList<>();
    private Label status;
    private Combo shareChoice;
    private Combo peerChoice;
    private Text folderChoice;
    private TableViewer pairs;
    private TableViewer conflicts;
    private Background background;
    private SummaryLine said;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        status = StatusLabels.create(parent, "sync.status");
        if (sync == null || shares == null || directory == null || identity == null) {
            status.setText("The node is not running, so there is nothing to sync.");
            return;
        }
        said = new SummaryLine(status);
        Composite start = ControlRows.create(parent);
        Composite share = ControlRows.together(start, 2);
        new Label(share, SWT.NONE).setText("Share:");
        shareChoice = WidgetIds.name(new Combo(share, SWT.READ_ONLY), "sync.share");
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(shareChoice);
        Composite peer = ControlRows.together(start, 2);
        new Label(peer, SWT.NONE).setText("with peer:");
        peerChoice = WidgetIds.name(new Combo(peer, SWT.READ_ONLY), "sync.peer");
        GridDataFactory.fillDefaults().hint(200, SWT.DEFAULT).applyTo(peerChoice);
        Composite folders = ControlRows.together(start, 2);
        new Label(folders, SWT.NONE).setText("only:");
        folderChoice = WidgetIds.name(new Text(folders, SWT.BORDER), "sync.folders");
        folderChoice.setMessage("all folders");
        folderChoice.setToolTipText("The folders to keep in sync, separated by commas (reports, photos/2026); empty for the whole share."
                + " What lies outside them is neither fetched nor removed here. Select a pair to change its folders.");
        GridDataFactory.fillDefaults().hint(180, SWT.DEFAULT).applyTo(folderChoice);
        Composite buttons = ControlRows.together(start, 3);
        Tables.button(buttons, "Start syncing", "sync.start", this::start);
        Button pause = Tables.button(buttons, "Pause / resume", "sync.pause", this::pauseOrResume);
        pause.setToolTipText("A paused pair takes nothing in from the peer until resumed, and keeps what both sides agreed on:"
                + " resuming takes up only what changed meanwhile.");
        Button stop = Tables.button(buttons, "Stop syncing", "sync.stop", this::stop);

        pairs = Tables.create(parent, "sync.pairs");
        ContextMenus.mirror(pairs.getControl(), pause, stop);
        Tables.keyedBy(pairs, SyncPair.class, pair -> List.of(pair.share(), pair.peer()));
        Tables.iconColumn(pairs, SyncPair.class, "Share", 140, SyncPair::share, pair -> Icons.SHARE);
        Tables.column(pairs, SyncPair.class, "Peer", 160, pair -> directory.nameOf(pair.peer()));
        Tables.column(pairs, SyncPair.class, "Folders", 140, pair -> pair.folders().isEmpty() ? "all" : String.join(", ", pair.folders()));
        Tables.column(pairs, SyncPair.class, "State", 210, SyncPart::state);
        // whether this node's changes reach the peer: only its own pair with this node takes them in
        Tables.column(pairs, SyncPair.class, "Takes yours", 120, SyncPart::takesYours,
                pair -> pair.peerLastRead().map(read -> "Last read your changes " + Times.full(read)
                        + (pair.peerTakesChanges(Instant.now()) ? "" : "; they reach it once it syncs this share with you again"))
                        .orElse("Has not read your changes: they reach it once it syncs this share with you too"));
        Tables.column(pairs, SyncPair.class, "Last round", 120, pair -> pair.lastSync().map(Times::near).orElse("not yet"),
                pair -> pair.lastSync().map(Times::full).orElse("not yet"));
        Tables.column(pairs, SyncPair.class, "Came in", 130, pair -> Counts.of(pair.filesIn(), "file") + ", " + pair.filesRemoved() + " removed");
        Tables.column(pairs, SyncPair.class, "Problem", 320, pair -> pair.problem().orElse(""));
        // the two tables share what height there is, each keeping a few rows in view in a short window
        GridDataFactory tableData = GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 120).minSize(0, 80);
        tableData.applyTo(pairs.getControl());
        pairs.addSelectionChangedListener(event -> choose(Tables.selected(pairs, SyncPair.class)));

        Label conflictsTitle = new Label(parent, SWT.WRAP);
        conflictsTitle.setText("Conflicts: changed on both sides, so both versions were kept. Compare or open them, then choose.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(conflictsTitle);
        Composite actions = ControlRows.create(parent);
        Tables.button(actions, "Compare...", "sync.compare", this::compare);
        Tables.button(actions, "Open original", "sync.open.original", () -> openConflict(false));
        Tables.button(actions, "Open kept copy", "sync.open.copy", () -> openConflict(true));
        for (Conflict.Choice choice : Conflict.Choice.values()) {
            Tables.button(actions, label(choice), "sync." + choice.word().replace("keep-", "keep."), () -> resolve(choice));
        }
        conflicts = Tables.create(parent, "sync.conflicts");
        ContextMenus.mirror(conflicts.getControl(), actions);
        Tables.column(conflicts, Conflict.class, "Share", 120, Conflict::share);
        Tables.iconColumn(conflicts, Conflict.class, "File", 220, Conflict::path, conflict -> Icons.FILE);
        Tables.column(conflicts, Conflict.class, "Kept copy", 400, Conflict::copy);
        Tables.column(conflicts, Conflict.class, "Copy by", 140,
                conflict -> conflict.author().equals(identity.peerId()) ? "you" : directory.nameOf(conflict.author()));
        Tables.column(conflicts, Conflict.class, "Found", 120, conflict -> Times.near(conflict.found()), conflict -> Times.full(conflict.found()));
        tableData.applyTo(conflicts.getControl());

        background = new Background(ui, status);
        refresh();
        UiEvents.follow(events, FileTopics.SYNC_CHANGED, status, this::refresh);
        UiEvents.every(REREAD_EVERY_MILLIS, status, this::refresh);
        UiEvents.follow(events, FileTopics.SHARES_CHANGED, status, this::refresh);
        for (String peerCameOrWent : List.of(TransportTopics.PEER_CONNECTED, TransportTopics.PEER_DISCONNECTED)) {
            UiEvents.follow(events, peerCameOrWent, status, this::refresh); // a pair waits while its peer is away
        }
    }

    /** What the view shows, with what the peers that sync from here without a pair of this node's mean, said in sentences. */
    private record State(List<SyncPair> pairs, List<Conflict> conflicts, List<Share> shares, List<KnownPeer> peers, long trashDays,
            List<String> fromHere) {
    }

    void refresh() {
        background.refresh(() -> new State(sync.pairs(), sync.conflicts(), shares.shares(), directory.peers(), sync.trashKeep().toDays(),
                sync.syncingFromHere().stream().map(reader -> reader.summary(directory.nameOf(reader.peer())) + ".").toList()),
                (state, error) -> {
                    if (error != null) {
                        status.setText("Sync cannot be read: " + error);
                        return;
                    }
                    pairs.setInput(state.pairs());
                    conflicts.setInput(state.conflicts());
                    fill(shareChoice, shareChoices, state.shares(), Share::name);
                    fill(peerChoice, peerChoices, state.peers(), KnownPeer::name);
                    said.counts(summary(state));
                });
    }

    /** When the peer last read this node's changes: "today 13:45", "not since yesterday 09:12" when it stopped, or "not yet". */
    private static String takesYours(SyncPair pair) {
        String read = pair.peerLastRead().map(Times::near).orElse("not yet");
        return pair.peerLastRead().isEmpty() || pair.peerTakesChanges(Instant.now()) ? read : "not since " + read;
    }

    /** The pair's state, with how far its round is while one runs. */
    private static String state(SyncPair pair) {
        return pair.state().word() + pair.round().map(round -> " (" + Counts.outOf(round.settled(), round.known(), "path") + ")").orElse("");
    }

    /** What the view shows, and where to find what syncing deleted once something is synced; then who syncs from here alone. */
    private static String summary(State state) {
        List<String> sentences = new ArrayList<>(List.of(pairsSummary(state)));
        sentences.addAll(state.fromHere());
        return String.join(" ", sentences);
    }

    private static String pairsSummary(State state) {
        if (!state.pairs().isEmpty()) {
            long paused = state.pairs().stream().filter(pair -> pair.state() == SyncPair.State.PAUSED).count();
            Instant now = Instant.now();
            long oneWay = state.pairs().stream().filter(pair -> !pair.peerTakesChanges(now)).count();
            List<String> which = new ArrayList<>();
            if (paused > 0) {
                which.add(paused + " paused");
            }
            if (oneWay > 0) {
                which.add(oneWay + " not taking in your changes");
            }
            return state.pairs().size() + " synced" + (which.isEmpty() ? "" : " (" + String.join(", ", which) + ")") + ", "
                    + Counts.of(state.conflicts().size(), "conflict") + ". What peers delete or replace stays in the share's"
                    + " .peerdesk/trash for " + state.trashDays() + " days.";
        }
        if (state.shares().isEmpty()) {
            return "Nothing to sync yet: share a folder first (Shares view), named like the peer's share it is to match;"
                    + " grant each other read and write on it; then pick both here and Start syncing.";
        }
        return "No share is synced yet. Pick a share and a peer that grant each other write on it, then Start syncing.";
    }

    private static <T> void fill(Combo combo, List<T> kept, List<T> items, java.util.function.Function<T, String> label) {
        int selected = combo.getSelectionIndex();
        kept.clear();
        kept.addAll(items);
        combo.setItems(items.stream().map(label).toArray(String[]::new));
        if (!items.isEmpty()) {
            combo.select(selected >= 0 && selected < items.size() ? selected : 0);
        }
    }

    private void start() {
        int share = shareChoice.getSelectionIndex();
        int peer = peerChoice.getSelectionIndex();
        if (share < 0 || peer < 0) {
            said.outcome("Pick a share and a peer first.");
            return;
        }
        String name = shareChoices.get(share).name();
        KnownPeer chosen = peerChoices.get(peer);
        List<String> folders = Arrays.stream(folderChoice.getText().split(",")).map(String::strip).filter(folder -> !folder.isEmpty()).toList();
        background.run(() -> sync.sync(name, chosen.id(), folders), (pair, error) -> {
            said.outcome(error != null ? error : pair.startedSummary(chosen.name()));
            refresh();
        });
    }

    /** A selected pair fills in the choices above it, so that its folders can be changed and started again. */
    private void choose(SyncPair pair) {
        if (pair == null) {
            return;
        }
        select(shareChoice, shareChoices.stream().map(Share::name).toList().indexOf(pair.share()));
        select(peerChoice, peerChoices.stream().map(KnownPeer::id).toList().indexOf(pair.peer()));
        folderChoice.setText(String.join(", ", pair.folders()));
    }

    private static void select(Combo combo, int index) {
        if (index >= 0) {
            combo.select(index);
        }
    }

    private void stop() {
        SyncPair pair = Tables.selected(pairs, SyncPair.class);
        if (pair == null) {
            said.outcome("Select a synced share first.");
            return;
        }
        background.run(() -> {
            sync.stop(pair.share(), pair.peer());
            return pair;
        }, (stopped, error) -> {
            said.outcome(error != null ? error : "Stopped syncing '" + pair.share() + "'; the files stay as they are.");
            refresh();
        });
    }

    private void pauseOrResume() {
        SyncPair pair = Tables.selected(pairs, SyncPair.class);
        if (pair == null) {
            said.outcome("Select a synced share first.");
            return;
        }
        boolean resume = pair.state() == SyncPair.State.PAUSED;
        background.run(() -> resume ? sync.resume(pair.share(), pair.peer()) : sync.pause(pair.share(), pair.peer()), (changed, error) -> {
            said.outcome(error != null ? error : (resume ? "Resumed" : "Paused") + " syncing '" + pair.share() + "'.");
            refresh();
        });
    }

    private void openConflict(boolean copy) {
        Conflict conflict = Tables.selected(conflicts, Conflict.class);
        if (conflict == null) {
            said.outcome("Select a conflict first.");
            return;
        }
        shareChoices.stream().filter(share -> share.name().equals(conflict.share())).findFirst().ifPresent(share -> {
            Path file = share.folder().resolve(copy ? conflict.copy() : conflict.path());
            if (!Program.launch(file.toString())) {
                said.outcome("No program on this machine opens " + file + ".");
            }
        });
    }

    /** Shows how the two versions of a text differ; the dialog's buttons make the choice. */
    private void compare() {
        Conflict conflict = Tables.selected(conflicts, Conflict.class);
        if (conflict == null) {
            said.outcome("Select a conflict first.");
            return;
        }
        background.run(() -> sync.compare(conflict.id()), (diff, error) -> {
            if (error != null) {
                said.outcome(error);
                return;
            }
            CompareDialog dialog = new CompareDialog(status.getShell(), conflict, diff);
            if (dialog.open() == Window.OK) {
                resolve(conflict, dialog.chosen());
            }
        });
    }

    /** A choice as its button says it. */
    static String label(Conflict.Choice choice) {
        return switch (choice) {
            case KEEP_ORIGINAL -> "Keep original";
            case KEEP_COPY -> "Keep copy";
            case KEEP_BOTH -> "Keep both";
            case MERGE -> "Merge";
        };
    }

    private void resolve(Conflict.Choice choice) {
        Conflict conflict = Tables.selected(conflicts, Conflict.class);
        if (conflict == null) {
            said.outcome("Select a conflict first.");
            return;
        }
        if (choice == Conflict.Choice.MERGE && conflict.merge().isEmpty()) {
            said.outcome("Nothing here merges '" + conflict.path() + "'; keep one version, or both.");
            return;
        }
        resolve(conflict, choice);
    }

    private void resolve(Conflict conflict, Conflict.Choice choice) {
        background.run(() -> {
            sync.resolve(conflict.id(), choice);
            return conflict;
        }, (resolved, error) -> {
            String kept = switch (choice) {
                case KEEP_ORIGINAL -> "kept the original";
                case KEEP_COPY -> "kept the copy";
                case KEEP_BOTH -> "kept both";
                case MERGE -> "merged the two versions (" + conflict.merge().orElse("") + ")";
            };
            said.outcome(error != null ? error : "Resolved '" + conflict.path() + "': " + kept
                    + "; anything set aside is in the share's .peerdesk/trash.");
            refresh();
        });
    }
}
