package org.peerdesk.backup.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.backup.Health;
import org.peerdesk.backup.HeldBackup;
import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.backup.Recovered;
import org.peerdesk.backup.RestoreResult;
import org.peerdesk.backup.Retention;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.backup.VerifyReport;
import org.peerdesk.backup.event.BackupTopics;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;
import org.peerdesk.core.Intervals;
import org.peerdesk.core.Sentences;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.PassphrasePrompt;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.Times;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * This node's backup sets with their last run and health (copies per chunk, holders online), the
 * operations on them (run, verify, restore) as Jobs with a progress bar and Cancel, and what this
 * node holds for other peers. The recovery phrase is shown once the first set is added, and again
 * on request (after the key's passphrase, where one protects it); a reminder stays until the user
 * says they wrote it down. On a new node, Recover... brings the sets back from the phrase.
 */
public final class BackupsPart {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** A set as the table shows it. */
    record Row(BackupSet set, Health health) {
    }

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    BackupService backups;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PeerDirectory directory;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    NodeIdentity identity;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    AccessRequests requests;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    IWorkbench workbench;

    private Label status;
    private Composite reminder;
    private TableViewer sets;
    private TableViewer held;
    private Composite progressRow;
    private Label progressLabel;
    private ProgressBar progressBar;
    private BackupJob running;
    /** What the last operation came to; it stays on show until the next one. */
    private String outcome;
    private Background background;
    private TakeOverFlow takeOver;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        status = StatusLabels.create(parent, "backups.status");
        if (backups == null) {
            status.setText("The node is not running, so there are no backups to show.");
            return;
        }
        Composite actions = ControlRows.create(parent);
        Tables.button(actions, "Back up folders...", "backups.add", () -> edit(Optional.empty()));
        Tables.button(actions, "Change...", "backups.change", () -> withSet(set -> edit(Optional.of(set))));
        Tables.button(actions, "Run now", "backups.run", () -> withSet(set -> start("Backing up " + set.name(),
                progress -> describe(backups.run(set.name(), progress)))));
        Tables.button(actions, "Verify", "backups.verify", () -> withSet(set -> start("Verifying " + set.name(),
                progress -> describe(backups.verify(set.name(), progress)))));
        Tables.button(actions, "Restore...", "backups.restore", () -> withSet(this::restore));
        Tables.button(actions, "Prune...", "backups.prune", () -> withSet(this::prune));
        Tables.button(actions, "Remove", "backups.remove", () -> withSet(this::remove));
        reminder = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(reminder);
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(reminder);
        reminder.setVisible(false);
        Label warning = WidgetIds.name(new Label(reminder, SWT.WRAP), "backups.phrase.reminder");
        warning.setText("Your recovery phrase is not written down yet. Without it, these backups are lost with this machine.");
        warning.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(warning);
        Tables.button(reminder, "Write it down...", "backups.phrase.show", this::showPhrase);
        progressRow = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(progressRow);
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(progressRow);
        progressRow.setVisible(false);
        progressLabel = WidgetIds.name(new Label(progressRow, SWT.NONE), "backups.progress.label");
        GridDataFactory.fillDefaults().hint(260, SWT.DEFAULT).applyTo(progressLabel);
        progressBar = WidgetIds.name(new ProgressBar(progressRow, SWT.HORIZONTAL), "backups.progress");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progressBar);
        Button cancel = Tables.button(progressRow, "Cancel", "backups.cancel", () -> {
            if (running != null) {
                running.cancel();
            }
        });
        cancel.setToolTipText("Stops at the next safe point; what was done stays, and the next run goes on from there.");
        sets = Tables.create(parent, "backups.sets");
        ContextMenus.mirror(sets.getControl(), actions);
        Tables.column(sets, Row.class, "Set", 100, row -> row.set().name());
        Tables.column(sets, Row.class, "Folders", 170, row -> Stream.concat(row.set().folders().stream().map(Path::toString),
                row.set().sources().stream().map(source -> source.equals(BackupService.NODE_SOURCE) ? "+ this node" : "+ " + source))
                .collect(Collectors.joining(", ")));
        Tables.column(sets, Row.class, "Last run", 140, row -> lastRun(row, Times::near), row -> lastRun(row, Times::full));
        Tables.column(sets, Row.class, "Health", 200, BackupsPart::health);
        Tables.column(sets, Row.class, "Holders", 180, BackupsPart::holders);
        Tables.column(sets, Row.class, "Next run", 130, BackupsPart::nextRun,
                row -> schedule(row.set().every()) + row.set().nextRun().map(next -> "; next " + WHEN.format(next)).orElse(""));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sets.getControl());
        Label heldTitle = new Label(parent, SWT.NONE);
        heldTitle.setText("Held here for other peers (encrypted; this node cannot read it):");
        held = Tables.create(parent, "backups.held");
        Tables.column(held, HeldBackup.class, "Peer", 160, HeldBackup::name);
        Tables.column(held, HeldBackup.class, "Stored", 150, each -> ByteSizes.format(each.bytes())
                + (each.keptDeleted() == 0 ? "" : " (+" + ByteSizes.format(each.keptDeleted()) + " deleted)"),
                each -> each.keptDeleted() == 0 ? "" : ByteSizes.format(each.keptDeleted()) + " that " + each.name() + " deleted stays here"
                        + " a while, in case a recovery from its phrase needs it (File, Settings..., Backup); its quota counts it only"
                        + " past the quota's size");
        Tables.column(held, HeldBackup.class, "Quota", 90, each -> each.quota().isPresent() ? ByteSizes.format(each.quota().getAsLong()) : "none");
        Tables.column(held, HeldBackup.class, "State", 300, each -> each.removal()
                .map(when -> "grant ended; removed " + WHEN.format(when)).orElse("granted")
                + each.claimants().stream().map(claimant -> "; " + claimant.name() + " has " + each.name() + "'s recovery phrase")
                        .collect(Collectors.joining())
                + each.replaced().stream().map(replaced -> "; took over " + replaced.name() + "'s backups")
                        .collect(Collectors.joining()));
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 90).applyTo(held.getControl());
        Composite recovery = ControlRows.create(parent);
        Tables.button(recovery, "Recovery phrase...", "backups.phrase", this::showPhrase)
                .setToolTipText("The words that bring every set back on a new machine");
        Tables.button(recovery, "Recover...", "backups.recover", this::recover)
                .setToolTipText("On a new machine: take over the sets of a lost one, from its recovery phrase");
        Tables.button(recovery, "Take over...", "backups.takeover", () -> takeOver.offer())
                .setToolTipText("On a new machine, after Recover...: become the lost node again, with its ID, peers and grants");
        Tables.button(recovery, "Undelete...", "backups.undelete", this::undelete)
                .setToolTipText("Bring back the snapshots a prune removed, while the holders keep them (a week, unless they chose less)");
        background = new Background(ui, status);
        takeOver = new TakeOverFlow(parent.getShell(), backups, background, Optional.ofNullable(workbench), this::report);
        refresh();
        UiEvents.follow(events, BackupTopics.ALL, status, this::refresh);
        UiEvents.follow(events, PermissionTopics.ACCESS_CHANGED, status, this::refresh); // quotas, and claims a grant settles
        for (String holderCameOrWent : List.of(TransportTopics.PEER_CONNECTED, TransportTopics.PEER_DISCONNECTED)) {
            UiEvents.follow(events, holderCameOrWent, status, this::refresh); // the holders' column says which are online
        }
    }

    void refresh() {
        background.refresh(() -> {
            List<Row> rows = new ArrayList<>();
            for (BackupSet set : backups.sets()) {
                rows.add(new Row(set, backups.health(set.name())));
            }
            return new Object[] {rows, backups.held(), backups.recoveryPhraseNoted()};
        }, (read, error) -> {
            if (error != null) {
                status.setText("Backups cannot be read: " + error);
                return;
            }
            showReminder(!((List<?>) read[0]).isEmpty() && !(Boolean) read[2]);
            Object selected = sets.getStructuredSelection().getFirstElement();
            sets.setInput(read[0]);
            held.setInput(read[1]);
            if (selected instanceof Row row) {
                ((List<?>) read[0]).stream().filter(each -> ((Row) each).set().name().equals(row.set().name())).findFirst()
                        .ifPresent(each -> sets.setSelection(new org.eclipse.jface.viewers.StructuredSelection(each)));
            }
            if (running == null && outcome == null) {
                status.setText(((List<?>) read[0]).isEmpty() ? "No backup sets yet. \"Back up folders...\" picks folders and the"
                        + " peers that hold them; those peers must grant you store-backup (Access view)."
                        : "Select a set to run, verify or restore it.");
            }
            StatusLabels.fit(status);
        });
    }

    private void showReminder(boolean visible) {
        if (reminder.getVisible() != visible) {
            reminder.setVisible(visible);
            ((GridData) reminder.getLayoutData()).exclude = !visible;
            reminder.getParent().layout(true, true);
        }
    }

    /** Shows what an action came to, and keeps it on show through the refresh that follows. */
    private void report(String message) {
        outcome = message;
        status.setText(message);
        refresh();
    }

    private static String lastRun(Row row, Function<Instant, String> time) {
        String when = row.set().lastRun().map(time).orElse("never");
        return row.set().lastProblem().map(problem -> when + " (" + problem + ")").orElse(when);
    }

    private static String health(Row row) {
        Health health = row.health();
        if (health.chunks() == 0) {
            return "nothing backed up yet";
        }
        if (health.lost() > 0) {
            return health.lost() + " of " + Counts.of(health.chunks(), "chunk") + (health.lost() == 1 ? " has" : " have") + " no copy";
        }
        if (health.underCopied() > 0) {
            return health.underCopied() + " of " + Counts.of(health.chunks(), "chunk") + (health.underCopied() == 1 ? " has" : " have")
                    + " fewer than " + Counts.of(row.set().copies(), "copy", "copies");
        }
        String copied = (health.chunks() == 1 ? "the chunk" : "all " + health.chunks() + " chunks") + " on " + Counts.of(row.set().copies(), "holder");
        // what the holders last proved comes first: it is what says the copies are really there
        return row.set().lastCheck().map(checked -> row.set().checkProblem().map(problem -> "the check " + Times.near(checked) + " found: " + problem)
                .orElse("proven " + Times.near(checked) + ": " + copied)).orElse(copied);
    }

    static String schedule(Optional<Duration> every) {
        return every.map(Intervals::every).orElse("by hand");
    }

    /** When the set runs by itself next: a time, "now" when due, or what it waits for. */
    private static String nextRun(Row row) {
        Optional<Instant> next = row.set().nextRun();
        if (next.isEmpty()) {
            return "by hand";
        }
        if (next.get().isAfter(Instant.now())) {
            return Times.near(next.get());
        }
        return row.health().holders().stream().anyMatch(Health.Holder::online) ? "now" : "once a holder is online";
    }

    private static String holders(Row row) {
        return row.health().holders().stream().map(holder -> holder.name() + (holder.online() ? "" : " (offline)"))
                .collect(Collectors.joining(", "));
    }

    private interface SetAction {
        void run(BackupSet set);
    }

    private void withSet(SetAction action) {
        Row row = Tables.selected(sets, Row.class);
        if (row == null) {
            status.setText("Select a backup set first.");
            return;
        }
        action.run(row.set());
    }

    /** Adds a set ({@code existing} empty) or changes one. */
    private void edit(Optional<BackupSet> existing) {
        background.run(() -> new SetDialog.Offered(directory == null ? List.of() : directory.peers(), backups.sources(),
                backups.sets().stream().filter(set -> existing.map(edited -> !edited.name().equals(set.name())).orElse(true))
                        .flatMap(set -> set.sources().stream()).collect(Collectors.toSet())), (offered, error) -> {
            if (error != null) {
                status.setText(error);
                return;
            }
            SetDialog dialog = new SetDialog(sets.getControl().getShell(), offered, existing);
            if (dialog.open() == Window.OK) {
                SetDialog.Choice choice = dialog.choice();
                background.run(() -> {
                    backups.addSet(choice.name(), choice.folders(), choice.sources(), choice.holders(), choice.copies(), choice.every());
                    return new Saved(backups.askHolders(choice.name()), backups.recoveryPhraseNoted());
                }, (saved, failure) -> {
                    report(failure != null ? failure : (existing.isPresent() ? "Changed '" + choice.name() + "'; it runs "
                            + schedule(choice.every()) + "." : "Added '" + choice.name() + "'. \"Run now\" makes its first snapshot.")
                            + holderTroubles(saved.answers()));
                    if (failure == null && !saved.phraseNoted() && existing.isEmpty()) {
                        showPhrase(); // a new set: the phrase matters from now on
                    }
                    if (failure == null) {
                        offerToAsk(choice.name(), saved.answers());
                    }
                });
            }
        });
    }

    /** Offers to ask the holders that refuse for the grant they need, with the set named in the request. */
    private void offerToAsk(String set, List<HolderAnswer> answers) {
        offerToAsk(answers, refusing -> refusing.names() + (refusing.one() ? " has" : " have") + " not granted you store-backup, so "
                + (refusing.one() ? "it holds" : "they hold") + " nothing of '" + set + "' until " + (refusing.one() ? "it does" : "they do")
                + ". Ask for it now?", "to hold my backup set '" + set + "'",
                refusing -> "'" + set + "' goes there too once " + (refusing.one() ? "it approves" : "they approve") + ".");
    }

    /** Offers to ask the holders that had a recovery's backups, and refuse this new node, to store for it as for the old one. */
    private void offerToAskAgain(List<HolderAnswer> answers) {
        offerToAsk(answers, refusing -> refusing.names() + " held your backups for the machine that was lost, and "
                + (refusing.one() ? "does" : "do") + " not store for this node yet. Ask for store-backup now, so that this node goes on"
                + " backing up?", "to hold my backups again: I recovered them on a new machine",
                refusing -> "backups run from this node once " + (refusing.one() ? "it approves" : "they approve") + ".");
    }

    /** The holders that refuse, named together. */
    private record Refusing(List<HolderAnswer> holders) {

        String names() {
            return Sentences.listed(holders.stream().map(HolderAnswer::name).toList());
        }

        boolean one() {
            return holders.size() == 1;
        }
    }

    private void offerToAsk(List<HolderAnswer> answers, Function<Refusing, String> question, String note, Function<Refusing, String> then) {
        Refusing refusing = new Refusing(answers.stream().filter(answer -> answer.kind() == HolderAnswer.Kind.REFUSES).toList());
        if (refusing.holders().isEmpty() || requests == null
                || !MessageDialog.openQuestion(sets.getControl().getShell(), "Ask for store-backup", question.apply(refusing))) {
            return;
        }
        background.run(() -> {
            for (HolderAnswer holder : refusing.holders()) {
                requests.request(holder.peer(), GrantTerms.of(Resource.BACKUP, Set.of(Right.STORE_BACKUP)), note);
            }
            return null;
        }, (none, failure) -> report(failure != null ? failure
                : "Asked " + refusing.names() + " for store-backup; " + then.apply(refusing)));
    }

    /** A set as saved, with what its holders said of storing it. */
    private record Saved(List<HolderAnswer> answers, boolean phraseNoted) {
    }

    /**
     * What the holders that do not store for this node said, and those whose quota leaves less room than their share
     * of the set, as sentences to add to a report; "" when all store and have room.
     */
    private static String holderTroubles(List<HolderAnswer> answers) {
        List<String> notStoring = answers.stream().filter(answer -> answer.kind() != HolderAnswer.Kind.STORES).map(HolderAnswer::summary).toList();
        List<String> shortOfRoom = answers.stream().filter(HolderAnswer::shortOfRoom).map(HolderAnswer::summary).toList();
        return (notStoring.isEmpty() ? "" : " Not every holder stores for you: " + String.join("; ", notStoring) + ".")
                + (shortOfRoom.isEmpty() ? "" : " " + String.join("; ", shortOfRoom) + ".");
    }

    private void prune(BackupSet set) {
        background.run(() -> backups.snapshots(set.name()).size(), (count, error) -> {
            if (error != null) {
                report(error);
                return;
            }
            PruneDialog dialog = new PruneDialog(sets.getControl().getShell(), set.name(), count);
            if (dialog.open() == Window.OK) {
                Retention retention = dialog.retention();
                background.run(() -> backups.prune(set.name(), retention), (pruned, failure) -> report(failure != null ? failure
                        : "Removed " + Counts.of(pruned.removedSnapshots().size(), "snapshot") + " of '" + set.name() + "' and "
                                + Counts.of(pruned.removedChunks(), "chunk") + " no snapshot needed; the holders freed "
                                + ByteSizes.format(pruned.freedBytes()) + ". They keep what is deleted for a week, unless they chose"
                                + " less: Undelete... brings it back meanwhile."));
            }
        });
    }

    /** Asks first, as what comes back counts in the quotas again; then brings back what the holders kept, as a job. */
    private void undelete() {
        MessageDialog ask = new MessageDialog(sets.getControl().getShell(), "Undelete snapshots", null,
                "Bring back the snapshots this computer deleted (with Prune...) that its holders still keep? They keep what is"
                        + " deleted for a week, unless they chose less. What comes back counts in your quota with them again;"
                        + " prune it again when you no longer need it.", MessageDialog.QUESTION, 0, "Undelete", IDialogConstants.CANCEL_LABEL);
        if (ask.open() == 0) {
            start("Bringing back deleted snapshots", progress -> backups.undelete(progress).summary(ZoneId.systemDefault()));
        }
    }

    /** Shows the recovery phrase, after the key's passphrase where one protects it, and records that it was written down. */
    private void showPhrase() {
        Shell shell = sets.getControl().getShell();
        background.run(() -> identity != null && identity.passphraseProtected(), (guarded, error) -> {
            if (error != null) {
                report(error);
                return;
            }
            if (guarded && !passphraseGiven(shell)) {
                return;
            }
            background.run(() -> new Object[] {backups.recoveryPhrase(), backups.recoveryPhraseNoted(),
                    backups.sets().isEmpty() ? Optional.empty() : Optional.of(backups.recoveryFile())}, (read, failure) -> {
                if (failure != null) {
                    report(failure);
                    return;
                }
                boolean noted = (Boolean) read[1];
                @SuppressWarnings("unchecked")
                Optional<String> file = (Optional<String>) read[2];
                Runnable fileKept = () -> background.run(() -> {
                    backups.recoveryFileKept();
                    return true;
                }, (done, problem) -> {
                    if (problem != null) {
                        report(problem);
                    }
                });
                if (new RecoveryPhraseDialog(shell, (String) read[0], noted, file, fileKept, ui).open() == Window.OK && !noted) {
                    background.run(() -> {
                        backups.noteRecoveryPhrase();
                        return true;
                    }, (done, problem) -> report(problem != null ? problem : "Your recovery phrase is written down: keep it safe,"
                            + " away from this machine."));
                }
            });
        });
    }

    private boolean passphraseGiven(Shell shell) {
        PassphrasePrompt.Wording wording = new PassphrasePrompt.Wording("Recovery phrase",
                "This node's key is protected by a passphrase. Enter it to see the recovery phrase.", "Show", IDialogConstants.CANCEL_LABEL);
        return new PassphrasePrompt(shell, wording, typed -> identity.isPassphrase(typed) ? Optional.empty()
                : Optional.of("That is not the passphrase of this node's key.")).open() == Window.OK;
    }

    private void recover() {
        RecoverDialog dialog = new RecoverDialog(sets.getControl().getShell(), backups, ui);
        if (dialog.open() == Window.OK) {
            String phrase = dialog.phrase();
            Optional<String> file = dialog.recoveryFile();
            start("Recovering backups", progress -> {
                Recovered recovered = backups.recover(phrase, file, progress);
                ui.asyncExec(() -> {
                    if (sets.getControl().isDisposed()) {
                        return;
                    }
                    Runnable askAgain = () -> offerToAskAgain(recovered.holders());
                    // taking the lost node's place makes asking its holders again needless: they store for it
                    recovered.keptNode().ifPresentOrElse(node -> takeOver.offer(node, askAgain), askAgain);
                });
                return "Recovered " + String.join(", ", recovered.sets()) + " (" + Counts.of(recovered.snapshots(), "snapshot")
                        + (recovered.broughtBack() == 0 ? "" : ", " + recovered.broughtBack() + " of them deleted from the lost machine,"
                                + " which its holders had kept") + ") from "
                        + Sentences.listed(recovered.holders().stream().map(HolderAnswer::name).toList())
                        + ", now among your peers. Select a set and Restore... to bring its files back.";
            });
        }
    }

    private void restore(BackupSet set) {
        RestoreWizard wizard = new RestoreWizard(backups, set.name(), restore -> start("Restoring " + set.name(), progress -> {
            RestoreResult restored = backups.restore(restore.set(), restore.snapshot().id(), restore.path(), restore.target(), progress);
            return "Restored " + Counts.of(restored.files(), "file") + " (" + ByteSizes.format(restored.bytes()) + ") into " + restored.target()
                    + (restored.problems().isEmpty() ? "." : "; not restored: " + String.join("; ", restored.problems()));
        }));
        new WizardDialog(sets.getControl().getShell(), wizard).open();
    }

    private void remove(BackupSet set) {
        if (MessageDialog.openConfirm(sets.getControl().getShell(), "Remove backup set",
                "Stop backing up '" + set.name() + "'? Its snapshots stay with the holders; recover or prune them later.")) {
            background.run(() -> {
                backups.removeSet(set.name());
                return set;
            }, (removed, error) -> report(error != null ? error : "Removed '" + set.name() + "'."));
        }
    }

    /** Runs an operation as a Job, one at a time, showing its progress here. */
    private void start(String name, BackupJob.Operation operation) {
        if (running != null) {
            status.setText("Wait for \"" + running.getName() + "\" to finish, or cancel it.");
            return;
        }
        running = new BackupJob(name, operation, new BackupJob.Watcher() {
            @Override
            public void progressed(String phase, int percent) {
                ui.asyncExec(() -> {
                    if (!progressBar.isDisposed()) {
                        progressLabel.setText(phase + " " + percent + "%");
                        progressBar.setSelection(percent);
                    }
                });
            }

            @Override
            public void finished(String outcome, boolean failed) {
                ui.asyncExec(() -> {
                    running = null;
                    if (!status.isDisposed()) {
                        showProgress(false);
                        report(outcome);
                    }
                });
            }
        });
        progressLabel.setText(name + "...");
        progressBar.setSelection(0);
        showProgress(true);
        running.schedule();
    }

    private void showProgress(boolean visible) {
        progressRow.setVisible(visible);
        ((GridData) progressRow.getLayoutData()).exclude = !visible;
        progressRow.getParent().layout(true, true);
    }

    private static String describe(Snapshot snapshot) {
        return "Snapshot " + snapshot.id().substring(0, 12) + ": " + snapshot.files() + " files, " + ByteSizes.format(snapshot.bytes())
                + "; uploaded " + ByteSizes.format(snapshot.uploadedBytes()) + "."
                + (snapshot.underCopied() > 0 ? " " + snapshot.underCopied() + " chunks have fewer copies than asked: verify once the"
                        + " holders are back." : "");
    }

    private static String describe(VerifyReport report) {
        return "Checked " + report.copies() + " copies of " + report.chunks() + " chunks: " + report.proven() + " proven, "
                + report.missing() + " missing, " + report.corrupt() + " corrupt; " + report.repaired() + " copies made again."
                + (report.healthy() ? " All is well." : " " + String.join("; ", report.problems()));
    }
}
