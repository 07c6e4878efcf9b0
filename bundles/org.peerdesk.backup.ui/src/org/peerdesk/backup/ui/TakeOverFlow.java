package org.peerdesk.backup.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.KeptNode;
import org.peerdesk.core.Counts;
import org.peerdesk.core.Sentences;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.PassphrasePrompt;
import org.peerdesk.ui.Restarting;

/**
 * Offers to take the place of the node a recovered backup kept ({@link BackupService#takeOver}), saying what that
 * means; asks for the lost node's passphrase where one protects its key; then offers to restart, as the node becomes the
 * lost one when Peerdesk starts again.
 */
final class TakeOverFlow {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Shell shell;
    private final BackupService backups;
    private final Background background;
    /** Absent where no workbench runs the view (a test's window): then the user quits as they like. */
    private final Optional<IWorkbench> workbench;
    private final Consumer<String> report;

    TakeOverFlow(Shell shell, BackupService backups, Background background, Optional<IWorkbench> workbench, Consumer<String> report) {
        this.shell = shell;
        this.backups = backups;
        this.background = background;
        this.workbench = workbench;
        this.report = report;
    }

    /** Reads which node the backups keep and offers to take its place; says so where they keep none but this one. */
    void offer() {
        background.run(backups::keptNode, (kept, error) -> {
            if (error != null) {
                report.accept(error);
            } else if (kept.isEmpty()) {
                report.accept("No backup set keeps a node other than this one, so there is no place to take. (A set that"
                        + " keeps \"this node's identity\" on a machine keeps it for the machine after it.)");
            } else {
                offer(kept.get(), () -> { });
            }
        });
    }

    /** Offers to take the place of {@code node}; {@code declined} runs where the user keeps this node's own. */
    void offer(KeptNode node, Runnable declined) {
        String named = node.name().map(name -> name + " (" + node.id().shortForm() + ")").orElse(node.id().shortForm());
        MessageDialog ask = new MessageDialog(shell, "Take the lost node's place", null, "Your backups keep the node that was"
                + " lost: " + named + ", as '" + node.set() + "' kept it on "
                + WHEN.format(node.kept()) + ", with " + Counts.of(node.peers(), "peer") + " and " + Counts.of(node.grants(), "grant")
                + " it gave" + (node.beside().isEmpty() ? "" : ", and its " + Sentences.listed(node.beside()))
                + ".\n\nTake its place? This node then knows those peers again and gives those grants, and when Peerdesk"
                + " starts again it is " + node.shownName() + ": its peers and holders know it as before, and what they kept"
                + " for it reaches it. This node's own ID is set aside.\n\nShould the lost machine turn up again, the peers that"
                + " met this one refuse it.", MessageDialog.QUESTION, 0, "Take its place", "Keep this node's own");
        if (ask.open() != 0) {
            declined.run();
            return;
        }
        Optional<char[]> passphrase = node.passphraseProtected() ? askPassphrase(node) : Optional.empty();
        if (node.passphraseProtected() && passphrase.isEmpty()) {
            return;
        }
        background.run(() -> backups.takeOver(passphrase), (taken, error) -> {
            if (error != null) {
                report.accept(error + " Take over... tries again.");
            } else {
                done(taken);
            }
        });
    }

    /** The passphrase the user typed; it is checked as the place is taken, which reads the key from the holders again. */
    private Optional<char[]> askPassphrase(KeptNode node) {
        char[][] typed = {null};
        PassphrasePrompt.Wording wording = new PassphrasePrompt.Wording("Passphrase of " + node.shownName(), "A passphrase protects"
                + " the key of " + node.shownName() + ". Enter it to take its place; Peerdesk asks for it again when it starts.",
                "Take its place", IDialogConstants.CANCEL_LABEL);
        PassphrasePrompt prompt = new PassphrasePrompt(shell, wording, given -> {
            typed[0] = given.clone();
            return Optional.empty();
        });
        return prompt.open() == Window.OK ? Optional.of(typed[0]) : Optional.empty();
    }

    private void done(KeptNode taken) {
        String becomes = "This node becomes " + taken.shownName() + " when Peerdesk starts again. It knows its "
                + Counts.of(taken.peers(), "peer") + " again and gives the " + Counts.of(taken.grants(), "grant") + " it gave."
                + (taken.broughtBack().isEmpty() ? "" : " Back already: " + String.join(", ", taken.broughtBack()) + ".");
        report.accept(becomes);
        Restarting.offer(shell, () -> workbench.ifPresent(IWorkbench::close), "Start Peerdesk again", becomes);
    }
}
