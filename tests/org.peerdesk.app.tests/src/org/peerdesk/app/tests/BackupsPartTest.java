package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.dialogButton;
import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportService;

/** The Backups view in the real window, on the node's real backup service. */
@ExtendWith(PeerLogsOnFailure.class)
class BackupsPartTest {

    @TempDir
    Path home;

    @Test
    void aSetIsListedAndARunWithNoHolderOnlineSaysSoAsAJob() throws Throwable {
        Path folder = Files.createDirectories(home.resolve("photos"));
        Files.writeString(folder.resolve("summer.txt"), "sand");
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MWindow window = workbench.getApplication().getChildren().get(0);
            show(window, robot, "org.peerdesk.backup.ui.part.backups");
            Label status = robot.find(Label.class, "backups.status");
            robot.waitUntil("an empty node offers to back up folders", () -> status.getText().contains("No backup sets yet"));

            byte[] holder = new byte[PeerId.LENGTH];
            holder[0] = 9;
            service(BackupService.class).addSet("photos", List.of(folder), List.of(new PeerId(holder)), 1, Optional.empty());
            Table sets = robot.find(Table.class, "backups.sets");
            robot.waitUntil("the set is listed", () -> sets.getItemCount() == 1);
            assertEquals("photos", robot.read(() -> sets.getItem(0).getText(0)));
            assertEquals("never", robot.read(() -> sets.getItem(0).getText(2)));
            assertEquals("nothing backed up yet", robot.read(() -> sets.getItem(0).getText(3)));
            assertTrue(robot.read(() -> sets.getItem(0).getText(4)).endsWith("(offline)"));

            robot.onUiThread(() -> sets.select(0));
            robot.click(robot.find(Button.class, "backups.run"));
            robot.waitUntil("the run's job ends and says why nothing was backed up",
                    () -> status.getText().contains("None of the holders is online"));
            robot.waitUntil("the set shows the failed run", () -> sets.getItem(0).getText(2).contains("None of the holders"));
            String lastRun = robot.read(() -> sets.getItem(0).getText(2));
            assertTrue(lastRun.matches("today [0-9]{2}:[0-9]{2} \\(.*") || lastRun.matches("[0-9]{4}-[0-9]{2}-[0-9]{2} .*"),
                    "a run of today says so, to fit the column (just after midnight it has a date): " + lastRun);
        });
    }

    @Test
    void theRecoveryPhraseComesWithTheFirstSetAndBringsItBackOnANewNode() throws Throwable {
        Path folder = Files.createDirectories(home.resolve("photos"));
        Files.writeString(folder.resolve("summer.txt"), "sand");
        String[] phrase = {null};
        try (PeerProcess holder = PeerProcess.start(home.resolve("holder"))) {
            DesktopSession.run(home.resolve("lost"), (workbench, robot) -> {
                holdFor(holder);
                service(NodeIdentity.class).rename("Ana's laptop");
                BackupService backups = service(BackupService.class);
                MWindow window = workbench.getApplication().getChildren().get(0);
                show(window, robot, "org.peerdesk.backup.ui.part.backups");

                robot.click(robot.find(Button.class, "backups.add"));
                Text name = robot.find(Text.class, "backup.add.name");
                org.eclipse.swt.widgets.List folders = robot.find(org.eclipse.swt.widgets.List.class, "backup.add.folders");
                Table holders = robot.find(Table.class, "backup.add.holders");
                Spinner copies = robot.find(Spinner.class, "backup.add.copies");
                robot.onUiThread(() -> {
                    name.setText("photos");
                    folders.add(folder.toString()); // as the folder chooser does
                    holders.getItem(0).setChecked(true);
                    copies.setSelection(1);
                });
                robot.click(robot.find(Button.class, "backup.add.ok"));
                Shell shown = robot.shell("Recovery phrase");
                phrase[0] = backups.recoveryPhrase();
                assertEquals(List.of(phrase[0].split(" ")), shownWords(robot), "the words, in order, numbered down the columns");
                assertFalse(robot.read(() -> robot.find(Button.class, "phrase.ok").isEnabled()), "Done waits for the tick");
                robot.click(robot.find(Button.class, "phrase.later"));
                robot.waitUntil("the dialog closes", shown::isDisposed);
                Label reminder = robot.find(Label.class, "backups.phrase.reminder");
                robot.waitUntil("a reminder stays while the phrase is not written down", reminder::isVisible);
                assertFalse(backups.recoveryPhraseNoted());

                robot.click(robot.find(Button.class, "backups.phrase.show"));
                shown = robot.shell("Recovery phrase");
                robot.click(robot.find(Button.class, "phrase.noted"));
                robot.click(robot.find(Button.class, "phrase.ok"));
                robot.waitUntil("the reminder goes once the phrase is written down", () -> !reminder.isVisible());
                assertTrue(backups.recoveryPhraseNoted());

                service(NodeIdentity.class).protect("correct horse".toCharArray());
                robot.click(robot.find(Button.class, "backups.phrase"));
                Text passphrase = robot.find(Text.class, "prompt.passphrase");
                robot.onUiThread(() -> passphrase.setText("wrong horse"));
                robot.click(robot.find(Button.class, "prompt.ok"));
                robot.waitUntil("with a passphrase on the key, a wrong one shows nothing",
                        () -> robot.find(Label.class, "prompt.status").getText().contains("not the passphrase"));
                robot.onUiThread(() -> passphrase.setText("correct horse"));
                robot.click(robot.find(Button.class, "prompt.ok"));
                Button close = robot.find(Button.class, "phrase.ok");
                assertEquals(List.of(phrase[0].split(" ")), shownWords(robot));
                assertEquals("&Close", robot.read(close::getText), "written down already: nothing to tick");
                robot.click(close);
                backups.run("photos", BackupProgress.NONE);
                Files.writeString(home.resolve("recovery.txt"), backups.recoveryFile());
            });
            DesktopSession.run(home.resolve("new"), (workbench, robot) -> {
                service(Introductions.class).add(holder.id, new PeerAddress("127.0.0.1", holder.port)).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                MWindow window = workbench.getApplication().getChildren().get(0);
                show(window, robot, "org.peerdesk.backup.ui.part.backups");
                robot.click(robot.find(Button.class, "backups.recover"));
                Shell dialog = robot.shell("Recover backups");
                Text words = robot.find(Text.class, "recover.words");
                String mistyped = phrase[0].replaceFirst(" \\S+ ", " sandwich ");
                robot.onUiThread(() -> words.setText(mistyped));
                assertEquals("24 of 24 words", robot.read(() -> robot.find(Label.class, "recover.status").getText()));
                robot.click(robot.find(Button.class, "recover.ok"));
                robot.waitUntil("the wrong word is named in the dialog", () -> robot.find(Label.class, "recover.status").getText()
                        .contains("Word 2, 'sandwich', is not a recovery word"));
                assertEquals(mistyped, robot.read(words::getText), "what was typed stays for the correction");
                robot.onUiThread(() -> words.setText(phrase[0]));
                Text file = robot.find(Text.class, "recover.file");
                robot.onUiThread(() -> file.setText(home.resolve("nowhere.txt").toString()));
                robot.click(robot.find(Button.class, "recover.ok"));
                robot.waitUntil("a recovery file that is not there is said so", () -> robot.find(Label.class, "recover.status").getText()
                        .startsWith("The recovery file cannot be read: "));
                robot.onUiThread(() -> file.setText(home.resolve("recovery.txt").toString())); // as the file chooser does
                robot.click(robot.find(Button.class, "recover.ok"));
                robot.waitUntil("the dialog closes", dialog::isDisposed);
                Label status = robot.find(Label.class, "backups.status");
                robot.waitUntil("the recovery's job says what came back", () -> status.getText().startsWith("Recovered photos (1 snapshot)"));
                Shell place = robot.shell("Take the lost node's place");
                assertTrue(robot.read(() -> robot.all(place, Label.class).stream().anyMatch(label -> label.getText()
                        .startsWith("Your backups keep the node that was lost: Ana's laptop (") && label.getText().contains(", with 1 peer and 1 grant it"
                                + " gave, and its conversations and shares."))), "the set kept the node itself by default, and beside it"
                                + " what a take-over brings back");
                robot.click(dialogButton(robot, place, "Keep this node's own"));
                Shell ask = robot.shell("Ask for store-backup");
                assertTrue(robot.read(() -> robot.all(ask, Label.class).stream().anyMatch(label -> label.getText()
                        .endsWith("held your backups for the machine that was lost, and does not store for this node yet. Ask for"
                                + " store-backup now, so that this node goes on backing up?"))),
                        "the holder granted storage to the lost node, not to this one");
                robot.click(dialogButton(robot, ask, "&Yes"));
                robot.waitUntil("the request is sent and said so", () -> status.getText()
                        .matches("Asked .* for store-backup; backups run from this node once it approves\\."));
                DesktopSession.awaitOffUi("the holder has the request, saying why", () -> holder.get("/api/v1/access/requests")
                        .contains("I recovered them on a new machine"));
                Table sets = robot.find(Table.class, "backups.sets");
                robot.waitUntil("the set is this node's now", () -> sets.getItemCount() == 1 && sets.getItem(0).getText(0).equals("photos"));
                assertFalse(robot.read(() -> robot.find(Label.class, "backups.phrase.reminder").isVisible()),
                        "whoever recovered with the phrase has it");

                DesktopSession.selectRow(robot, sets, 0);
                robot.click(robot.find(Button.class, "backups.restore"));
                Shell wizard = robot.shell("Restore from photos");
                Table snapshots = robot.find(Table.class, "restore.snapshots");
                robot.waitUntil("the recovered snapshot is listed, and chosen", () -> snapshots.getItemCount() == 1 && snapshots.getSelectionCount() == 1);
                robot.click(dialogButton(robot, wizard, "&Next >"));
                Tree tree = robot.find(Tree.class, "restore.tree");
                robot.waitUntil("the snapshot's tree shows its folder, as a folder, and the conversations the set kept by default",
                        () -> tree.getItemCount() == 2 && tree.getItem(1).getText().equals("photos") && tree.getItem(1).getImage() != null
                                && tree.getItem(0).getText().equals("Peerdesk"));
                robot.click(dialogButton(robot, wizard, "&Next >"));
                Path restored = home.resolve("restored");
                robot.onUiThread(() -> robot.find(Text.class, "restore.target").setText(restored.toString()));
                robot.click(dialogButton(robot, wizard, "&Finish"));
                robot.waitUntil("the restore's job says what came back", () -> status.getText().startsWith("Restored 5 files ("));
                assertEquals("sand", Files.readString(restored.resolve("photos/summer.txt")));

                takeOver(robot, "wrong horse");
                robot.waitUntil("a wrong passphrase is said, and changes nothing", () -> status.getText()
                        .endsWith("That passphrase does not open the key of Ana's laptop. Take over... tries again."));
                assertFalse(Files.exists(home.resolve("new/identity-next")));
                takeOver(robot, "correct horse");
                Shell again = robot.shell("Start Peerdesk again");
                assertTrue(robot.read(() -> status.getText().equals("This node becomes Ana's laptop when Peerdesk starts again."
                        + " It knows its 1 peer again and gives the 1 grant it gave.")), robot.read(status::getText));
                robot.click(dialogButton(robot, again, "Later"));
                assertTrue(Files.exists(home.resolve("new/identity-next/node.key")), "the lost node's identity waits for the next start");
            });
        }
    }

    @Test
    void aSetIsScheduledChangedAndPrunedFromTheView() throws Throwable {
        Path folder = Files.createDirectories(home.resolve("photos"));
        Files.writeString(folder.resolve("summer.txt"), "sand");
        try (PeerProcess holder = PeerProcess.start(home.resolve("holder"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                holdFor(holder);
                BackupService backups = service(BackupService.class);
                backups.noteRecoveryPhrase();
                show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.backup.ui.part.backups");
                robot.click(robot.find(Button.class, "backups.add"));
                Text name = robot.find(Text.class, "backup.add.name");
                org.eclipse.swt.widgets.List folders = robot.find(org.eclipse.swt.widgets.List.class, "backup.add.folders");
                Table holders = robot.find(Table.class, "backup.add.holders");
                Spinner copies = robot.find(Spinner.class, "backup.add.copies");
                assertEquals(List.of(true, 6), robot.read(() -> List.of(robot.find(Button.class, "backup.add.scheduled").getSelection(),
                        robot.find(Spinner.class, "backup.add.hours").getSelection())), "a new set runs by itself unless told otherwise");
                Button conversations = robot.find(Button.class, "backup.add.source.conversations");
                assertEquals(List.of(true, "your conversations, as text (in Peerdesk/conversations)"), robot.read(() -> List.of(
                        conversations.getSelection(), conversations.getText())), "kept by the first set that can, unless untold");
                robot.onUiThread(() -> {
                    name.setText("photos");
                    folders.add(folder.toString());
                    holders.getItem(0).setChecked(true);
                    copies.setSelection(1);
                });
                robot.click(robot.find(Button.class, "backup.add.ok"));
                Table sets = robot.find(Table.class, "backups.sets");
                robot.waitUntil("the set is listed", () -> sets.getItemCount() == 1 && sets.getItem(0).getText(0).equals("photos"));
                String next = robot.read(() -> sets.getItem(0).getText(5));
                assertTrue(next.equals("now") || next.matches(".*\\d\\d:\\d\\d"), "due at once with its holder online, or run already: " + next);
                assertEquals(Optional.of(Duration.ofHours(6)), backups.set("photos").orElseThrow().every());
                assertEquals(List.of("conversations", "node", "shares"), backups.set("photos").orElseThrow().sources());
                assertEquals(folder + ", + conversations, + this node, + shares", robot.read(() -> sets.getItem(0).getText(1)));

                DesktopSession.selectRow(robot, sets, 0);
                robot.click(robot.find(Button.class, "backups.change"));
                Button scheduled = robot.find(Button.class, "backup.add.scheduled");
                assertEquals(List.of(false, 1, true, 1), robot.read(() -> List.of(robot.find(Text.class, "backup.add.name").getEditable(),
                        robot.find(org.eclipse.swt.widgets.List.class, "backup.add.folders").getItemCount(),
                        robot.find(Table.class, "backup.add.holders").getItem(0).getChecked(),
                        robot.find(Spinner.class, "backup.add.copies").getSelection())), "the set as it is, its name fixed");
                robot.click(scheduled);
                robot.click(robot.find(Button.class, "backup.add.source.conversations"));
                robot.click(robot.find(Button.class, "backup.add.ok"));
                Label status = robot.find(Label.class, "backups.status");
                robot.waitUntil("the change is told", () -> status.getText().equals("Changed 'photos'; it runs by hand."));
                assertEquals(Optional.empty(), backups.set("photos").orElseThrow().every());
                assertEquals(List.of("node", "shares"), backups.set("photos").orElseThrow().sources(), "unticked, the conversations are no longer kept");

                PeerId me = service(NodeIdentity.class).peerId();
                holder.post("/api/v1/access/grants/revoke", "{\"peer\": \"" + me + "\", \"resource\": \"backup\"}");
                DesktopSession.selectRow(robot, sets, 0);
                robot.click(robot.find(Button.class, "backups.change"));
                robot.click(robot.find(Button.class, "backup.add.ok"));
                robot.waitUntil("a holder that ended its grant is named at once, with what to ask for", () -> status.getText()
                        .matches("Changed 'photos'; it runs by hand\\. Not every holder stores for you: .* refuses: no grant of store-backup on backup;"
                                + " ask for it with: peerdesk request \\S+ backup store-backup\\."));
                Shell ask = robot.shell("Ask for store-backup");
                robot.click(robot.read(() -> robot.all(ask, Button.class).stream().filter(button -> button.getText().equals("&Yes"))
                        .findFirst().orElseThrow()));
                robot.waitUntil("the request is sent and said so", () -> status.getText()
                        .matches("Asked .* for store-backup; 'photos' goes there too once it approves\\."));
                DesktopSession.awaitOffUi("the holder has the request, with the set named", () -> holder.get("/api/v1/access/requests")
                        .contains("\"rights\":\"store-backup\"") && holder.get("/api/v1/access/requests").contains("backup set 'photos'"));
                holder.post("/api/v1/access/requests/approve", "{\"peer\": \"" + me + "\"}");
                DesktopSession.awaitOffUi("the holder stores once it approved", () -> backups.askHolders("photos").get(0).kind()
                        == HolderAnswer.Kind.STORES);

                for (int run = 0; run < 3; run++) {
                    Files.writeString(folder.resolve("day-" + run + ".txt"), "run " + run);
                    backups.run("photos", BackupProgress.NONE);
                }
                DesktopSession.selectRow(robot, sets, 0);
                robot.click(robot.find(Button.class, "backups.prune"));
                Shell prune = robot.shell("Prune 'photos'");
                Spinner last = robot.find(Spinner.class, "prune.last");
                robot.onUiThread(() -> {
                    last.setSelection(0);
                    robot.find(Spinner.class, "prune.daily").setSelection(0);
                    robot.find(Spinner.class, "prune.weekly").setSelection(0);
                });
                robot.click(robot.find(Button.class, "prune.ok"));
                robot.waitUntil("keeping nothing is refused", () -> robot.find(Label.class, "prune.status").getText().equals("Keep at least one snapshot."));
                robot.onUiThread(() -> last.setSelection(1));
                robot.click(robot.find(Button.class, "prune.ok"));
                robot.waitUntil("the dialog closes", prune::isDisposed);
                robot.waitUntil("what went is told", () -> status.getText().startsWith("Removed 2 snapshots of 'photos'")
                        && status.getText().endsWith("Undelete... brings it back meanwhile."));
                assertEquals(1, backups.snapshots("photos").size());
                robot.click(robot.find(Button.class, "backups.undelete"));
                Shell undelete = robot.shell("Undelete snapshots");
                robot.click(robot.read(() -> robot.all(undelete, Button.class).stream().filter(button -> button.getText().equals("Undelete"))
                        .findFirst().orElseThrow()));
                robot.waitUntil("the holder kept what the prune removed, and gave it back", () -> status.getText()
                        .matches("Brought back 2 snapshots from .*: 'photos' of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d and .*\\."));
                assertEquals(3, backups.snapshots("photos").size());
                DesktopSession.selectRow(robot, sets, 0);
                robot.click(robot.find(Button.class, "backups.restore"));
                Shell wizard = robot.shell("Restore from photos");
                Table snapshots = robot.find(Table.class, "restore.snapshots");
                Label changes = robot.find(Label.class, "restore.changes");
                robot.waitUntil("the newest snapshot is chosen, with what changed since the one before", () -> snapshots.getItemCount() == 3
                        && changes.getText().matches("Since the snapshot before it \\(.*\\): 1 file added: added photos/day-2\\.txt\\."));
                DesktopSession.selectRow(robot, snapshots, 2);
                robot.waitUntil("the oldest has none before it", () -> changes.getText().startsWith("The set's first snapshot"));
                robot.click(dialogButton(robot, wizard, "Cancel"));
                robot.waitUntil("the wizard closes", wizard::isDisposed);

                show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.permissions.ui.part.access");
                Table given = robot.find(Table.class, "access.given");
                robot.waitUntil("the Access view lists the storage the holder gives, as it told", () -> java.util.Arrays.stream(given.getItems())
                        .anyMatch(item -> item.getText(1).equals("backup") && item.getText(2).equals("store-backup")));

                show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.backup.ui.part.backups");
                assertFalse(robot.read(() -> sets.getItem(0).getText(4)).endsWith("(offline)"));
                holder.close();
                robot.waitUntil("a holder that goes away is shown offline", () -> sets.getItem(0).getText(4).endsWith("(offline)"));
            });
        }
    }

    /** Makes {@code holder} a known peer that grants this node store-backup. */
    @Test
    void whatThisNodeHoldsFollowsTheOwnersGrantAndNamesAStrangerThatHasTheOwnersPhrase() throws Throwable {
        Path folder = Files.createDirectories(home.resolve("owner-docs"));
        Files.writeString(folder.resolve("plan.txt"), "the plan");
        try (PeerProcess owner = PeerProcess.start(home.resolve("owner")); PeerProcess fresh = PeerProcess.start(home.resolve("fresh"))) {
            DesktopSession.run(home.resolve("holder"), (workbench, robot) -> {
                PeerId me = service(NodeIdentity.class).peerId();
                service(Introductions.class).accept(owner.inviteCode()).toCompletableFuture().get(30, TimeUnit.SECONDS);
                storage(owner.id, 1L << 30);
                owner.post("/api/v1/backup/sets", "{\"set\": \"docs\", \"folders\": [\"" + folder + "\"], \"holders\": [\"" + me
                        + "\"], \"copies\": 1}");
                owner.post("/api/v1/backup/run", "{\"set\": \"docs\"}");
                DesktopSession.awaitOffUi("the owner's first run is done",
                        () -> owner.get("/api/v1/backup/jobs").contains("\"state\":\"done\""));
                MWindow window = workbench.getApplication().getChildren().get(0);
                show(window, robot, "org.peerdesk.backup.ui.part.backups");
                Table held = robot.find(Table.class, "backups.held");
                robot.waitUntil("what the owner stored is listed, with the quota granted", () -> held.getItemCount() == 1
                        && held.getItem(0).getText(2).equals("1.0 GiB") && held.getItem(0).getText(3).equals("granted"));

                storage(owner.id, 2L << 30);
                robot.waitUntil("a new grant shows at once", () -> held.getItem(0).getText(2).equals("2.0 GiB"));

                String phrase = owner.post("/api/v1/backup/recovery-phrase", "{}").replaceAll("(?s).*\"phrase\":\"([a-z ]+)\".*", "$1");
                int port = service(TransportService.class).listenAddresses().get(0).port();
                fresh.post("/api/v1/peers", "{\"target\": \"" + me + "@127.0.0.1:" + port + "\"}");
                fresh.post("/api/v1/backup/recover", "{\"phrase\": \"" + phrase + "\"}");
                String claimed = "; " + fresh.id.shortForm() + " has ";
                robot.waitUntil("a stranger that proved it has the owner's phrase is named",
                        () -> held.getItem(0).getText(3).startsWith("granted" + claimed) && held.getItem(0).getText(3).endsWith("'s recovery phrase"));

                storage(fresh.id, 1L << 30);
                robot.waitUntil("once granted storage, it is the owner's new machine as far as this node goes",
                        () -> held.getItem(0).getText(3).equals("granted"));
            });
        }
    }

    private static void storage(PeerId peer, long quota) throws Exception {
        service(PermissionService.class).grant(peer, new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(),
                OptionalLong.of(quota)), Grant.Origin.GRANTED);
    }

    private static void holdFor(PeerProcess holder) throws Exception {
        PeerId me = service(NodeIdentity.class).peerId();
        service(Introductions.class).accept(holder.inviteCode()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        holder.post("/api/v1/access/grants", "{\"peer\": \"" + me + "\", \"resource\": \"backup\", \"rights\": \"store-backup\"}");
    }

    /** Take over..., Take its place, and the lost node's passphrase. */
    private static void takeOver(UiRobot robot, String passphrase) {
        robot.click(robot.find(Button.class, "backups.takeover"));
        robot.click(dialogButton(robot, robot.shell("Take the lost node's place"), "Take its place"));
        Text typed = robot.find(Text.class, "prompt.passphrase");
        robot.onUiThread(() -> typed.setText(passphrase));
        robot.click(robot.find(Button.class, "prompt.ok"));
    }

    /** The words of the phrase dialog, by their numbers. */
    private static List<String> shownWords(UiRobot robot) {
        List<String> words = new ArrayList<>();
        for (int number = 1; robot.findNow(Label.class, "phrase.word." + number).isPresent(); number++) {
            Label word = robot.findNow(Label.class, "phrase.word." + number).get();
            String shown = robot.read(word::getText).strip();
            assertTrue(shown.startsWith(number + " "), shown);
            words.add(shown.substring(shown.indexOf(' ')).strip());
        }
        return words;
    }

    /** A wizard's or a message dialog's own button (Next, Finish, Yes), found by its label: JFace gives them no names. */}
