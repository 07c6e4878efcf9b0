package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.PeerDirectory;

/** The Shares, Transfers and Sync views in the real window, on the node's real file sharing. */
class FilesPartsTest {

    @TempDir
    Path home;

    @Test
    void aShareIsListedWithItsIndexAndWhoMayReadIt() throws Throwable {
        Path folder = Files.createDirectories(home.resolve("team docs"));
        Files.writeString(folder.resolve("plan.txt"), "the plan");
        Files.write(folder.resolve("data.bin"), new byte[300_000]);
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MWindow window = workbench.getApplication().getChildren().get(0);
            show(window, robot, "org.peerdesk.files.ui.part.shares");
            Label status = robot.find(Label.class, "shares.status");
            robot.waitUntil("an empty node says nothing is shared", () -> status.getText().contains("Nothing shared yet"));
            show(window, robot, "org.peerdesk.files.ui.part.sync");
            Label noShare = robot.find(Label.class, "sync.status");
            robot.waitUntil("with no share, the Sync view says to share a folder first", () -> noShare.getText().contains("share a folder first"));
            Button stop = robot.find(Button.class, "sync.stop");
            Table pairsInSight = robot.find(Table.class, "sync.pairs");
            robot.waitUntil("in the window's first layout, the Sync view's last button and its tables are within the view",
                    () -> inSight(stop) && inSight(pairsInSight));
            show(window, robot, "org.peerdesk.files.ui.part.shares");

            service(ShareService.class).add("docs", folder);
            byte[] bytes = new byte[32];
            bytes[0] = 7;
            for (EnumSet<Right> rights : List.of(EnumSet.of(Right.READ), EnumSet.of(Right.READ, Right.WRITE))) {
                service(PermissionService.class).grant(new PeerId(bytes), GrantTerms.of(Resource.parse("docs/reports"), rights),
                        Grant.Origin.GRANTED);
            }
            Table shares = robot.find(Table.class, "shares.table");
            robot.waitUntil("the share is listed, indexed, with who has access and what each may do where (once, though granted twice)",
                    () -> shares.getItemCount() == 1 && shares.getItem(0).getText(2).equals("2")
                            && shares.getItem(0).getText(4).equals(new PeerId(bytes).shortForm() + " (reports: read, write)"));
            assertEquals("docs", robot.read(() -> shares.getItem(0).getText(0)));
            assertEquals("293.0 KiB", robot.read(() -> shares.getItem(0).getText(3)));

            Files.writeString(folder.resolve("notes.txt"), "more");
            robot.onUiThread(() -> shares.deselectAll());
            robot.rightClick(shares, () -> shares.getItem(0).getBounds(1));
            robot.waitUntil("a right-click selects the share and offers the view's actions on it", () -> shares.getSelectionIndex() == 0
                    && shares.getMenu().isVisible()
                    && UiRobot.texts(shares.getMenu()).equals(List.of("Share a folder...", "Rename...", "Rescan", "Ignore rules...", "Trash...",
                            "Stop sharing")));
            robot.choose(robot.read(shares::getMenu), "Rescan");
            robot.waitUntil("the rescan chosen from the menu finds the new file, and stays said through the refreshes its indexing brings",
                    () -> shares.getItem(0).getText(2).equals("3") && status.getText().startsWith("Rescanning 'docs'")
                            && status.getText().endsWith("1 share. Peers see a share only as far as a grant reaches."));
            assertTrue(robot.read(() -> shares.getItem(0).getText(5)).startsWith("current"));

            robot.click(robot.find(Button.class, "shares.ignore"));
            Shell rulesDialog = robot.shell("What 'docs' leaves out");
            Text rules = robot.find(Text.class, "shares.ignore.rules");
            assertEquals("", robot.read(rules::getText), "no rules yet");
            robot.onUiThread(() -> rules.setText("*.bin\nnotes.txt"));
            robot.click(robot.all(rulesDialog, Button.class).stream().filter(button -> robot.read(button::getText).equals("OK")).findFirst()
                    .orElseThrow());
            robot.waitUntil("the share leaves out what the rules name: plan.txt and the rules file are left",
                    () -> shares.getItem(0).getText(2).equals("2") && status.getText().startsWith("Changed what 'docs' leaves out"));
            assertEquals("*.bin\nnotes.txt\n", Files.readString(folder.resolve(".peerdeskignore")));

            // what a peer's sync would have set aside: its old version of a file, in today's trash folder
            Path trashed = folder.resolve(".peerdesk/trash/" + LocalDate.now(ZoneOffset.UTC) + "/reports/q3.txt");
            Files.createDirectories(trashed.getParent());
            Files.writeString(trashed, "the old q3");
            robot.onUiThread(() -> shares.select(0));
            robot.click(robot.find(Button.class, "shares.trash")); // a real click: the dialog is modal
            Shell trashDialog = robot.shell("Trash of 'docs'");
            Table kept = robot.find(Table.class, "trash.table");
            robot.waitUntil("the trash lists what it keeps", () -> kept.getItemCount() == 1 && kept.getItem(0).getText(0).equals("reports/q3.txt"));
            DesktopSession.selectRow(robot, kept, 0);
            robot.click(robot.find(Button.class, "trash.putBack"));
            Label trashStatus = robot.find(Label.class, "trash.status");
            robot.waitUntil("the file is put back, and said so", () -> trashStatus.getText().startsWith("Put back 'reports/q3.txt'")
                    && kept.getItemCount() == 0);
            assertEquals("the old q3", Files.readString(folder.resolve("reports/q3.txt")));
            robot.click(robot.all(trashDialog, Button.class).stream()
                    .filter(button -> robot.read(button::getText).replace("&", "").equals("Close")).findFirst().orElseThrow());
            robot.waitUntil("the share counts the file put back", () -> shares.getItem(0).getText(2).equals("3"));

            show(window, robot, "org.peerdesk.files.ui.part.transfers");
            Label transfers = robot.find(Label.class, "transfers.status");
            robot.waitUntil("no transfers yet", () -> transfers.getText().contains("No transfers yet"));

            show(window, robot, "org.peerdesk.files.ui.part.sync");
            Label sync = robot.find(Label.class, "sync.status");
            robot.waitUntil("nothing synced yet", () -> sync.getText().contains("No share is synced yet"));
            service(PeerDirectory.class).remember(new PeerId(bytes), "Ben", Optional.empty());
            service(SyncService.class).sync("docs", new PeerId(bytes));
            Table pairs = robot.find(Table.class, "sync.pairs");
            robot.waitUntil("the pair is listed, of the whole share, with what stands in its way, and Ben not taking in its changes",
                    () -> pairs.getItemCount() == 1 && pairs.getItem(0).getText(0).equals("docs") && pairs.getItem(0).getText(2).equals("all")
                    && pairs.getItem(0).getText(4).equals("not yet") && pairs.getItem(0).getText(7).contains("has no write on 'docs'")
                    && sync.getText().startsWith("1 synced (1 not taking in your changes), 0 conflicts."));
            DesktopSession.selectRow(robot, pairs, 0);
            Text folders = robot.find(Text.class, "sync.folders");
            robot.enter(folders, "reports, archive/2025");
            robot.click(robot.find(Button.class, "sync.start"));
            robot.waitUntil("started again, the pair keeps only those folders", () -> pairs.getItemCount() == 1
                    && pairs.getItem(0).getText(2).equals("archive/2025, reports")
                    && sync.getText().startsWith("Syncing 'docs' (only archive/2025, reports) with Ben: its changes come into your share")
                    && sync.getText().contains("Ben has no write on 'docs' here"));
            assertEquals(List.of("archive/2025", "reports"), service(SyncService.class).pairs().get(0).folders());
            robot.enter(folders, "reports, ../elsewhere");
            robot.click(robot.find(Button.class, "sync.start"));
            robot.waitUntil("a folder outside the share is refused, and says why", () -> sync.getText().contains("'../elsewhere'"));
            assertEquals(List.of("archive/2025", "reports"), service(SyncService.class).pairs().get(0).folders(), "the pair as it was");
            robot.onUiThread(() -> pairs.select(0));
            robot.click(robot.find(Button.class, "sync.pause"));
            robot.waitUntil("paused, and said so", () -> pairs.getItem(0).getText(3).equals("paused") && sync.getText().contains("(1 paused, 1 not taking in your changes)"));
            assertEquals(SyncPair.State.PAUSED, service(SyncService.class).pairs().get(0).state());
            robot.onUiThread(() -> pairs.select(0));
            robot.click(robot.find(Button.class, "sync.pause"));
            robot.waitUntil("resumed", () -> !pairs.getItem(0).getText(3).equals("paused"));
            robot.onUiThread(() -> pairs.select(0));
            robot.click(robot.find(Button.class, "sync.stop"));
            robot.waitUntil("the pair is gone, and what became of it stays said above the counts", () -> pairs.getItemCount() == 0
                    && sync.getText().startsWith("Stopped syncing 'docs'; the files stay as they are.") && sync.getText().contains("No share is synced yet"));
            Table conflicts = robot.find(Table.class, "sync.conflicts");
            assertEquals(0, (int) robot.read(conflicts::getItemCount));
            List<Integer> room = robot.read(() -> List.of(roomForRows(pairs), roomForRows(conflicts)));
            assertTrue(room.stream().allMatch(height -> height >= 60), "both tables keep rows in view in the window as it first opens: " + room);
        });
    }

    /** The height under the table's header, in pixels (call on the UI thread). */
    private static int roomForRows(Table table) {
        return table.getSize().y - table.getHeaderHeight();
    }

    /** Whether the control lies wholly within the tab folder that shows its view (call on the UI thread). */
    private static boolean inSight(Control control) {
        Composite folder = control.getParent();
        while (!(folder instanceof CTabFolder)) {
            folder = folder.getParent();
        }
        Rectangle view = control.getDisplay().map(folder, null, folder.getClientArea());
        Rectangle bounds = control.getDisplay().map(control.getParent(), null, control.getBounds());
        return view.contains(bounds.x, bounds.y) && view.contains(bounds.x + bounds.width - 1, bounds.y + bounds.height - 1);
    }
}
