package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.Transfers;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;

/** The Browse peers view in the real window, browsing and downloading from a real peer node in a process of its own. */
@ExtendWith(PeerLogsOnFailure.class)
class RemotePartTest {

    private static final int PAGE = 1000;

    @TempDir
    Path home;

    @Test
    void aPeersSharesOpenAsATreeWhoseFilesDownloadAndWhosePeerLeavesWithIt() throws Throwable {
        Path team = Files.createDirectories(home.resolve("team"));
        Files.writeString(team.resolve("plan.txt"), "the plan");
        Files.writeString(team.resolve("notes.txt"), "bring snacks");
        Files.writeString(Files.createDirectories(team.resolve("reports")).resolve("q1.txt"), "a good quarter");
        Files.writeString(team.resolve("reports/summary.md"), "two of them");
        Path many = Files.createDirectories(team.resolve("many"));
        for (int i = 0; i <= PAGE; i++) {
            Files.writeString(many.resolve(String.format("f%04d.txt", i)), "");
        }
        Path desktopData = home.resolve("node");
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            peer.post("/api/v1/shares", "{\"name\": \"team\", \"folder\": \"" + team + "\"}");
            peer.post("/api/v1/shares/rescan", "{\"name\": \"team\"}");
            DesktopSession.run(desktopData, (workbench, robot) -> {
                MWindow window = workbench.getApplication().getChildren().get(0);
                show(window, robot, "org.peerdesk.files.ui.part.remote");
                Tree tree = robot.find(Tree.class, "remote.tree");
                robot.waitUntil("with no peer connected, the tree says how to connect one",
                        () -> tree.getItemCount() == 1 && tree.getItem(0).getText().startsWith("No peer is connected"));

                service(TransportService.class).connect(peer.id, new PeerAddress("127.0.0.1", peer.port)).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                robot.waitUntil("the connected peer is listed", () -> tree.getItemCount() == 1
                        && tree.getItem(0).getText().endsWith("(" + peer.id.shortForm() + ")"));
                service(PeerDirectory.class).remember(peer.id, "Ben", Optional.empty()); // connected by address alone, it was not known

                open(robot, () -> tree.getItem(0));
                robot.waitUntil("a peer that gives nothing says how to ask it", () -> tree.getItem(0).getItemCount() == 1
                        && tree.getItem(0).getItem(0).getText().startsWith("Shares nothing with you yet: double-click here to ask for access"));
                open(robot, () -> tree.getItem(0).getItem(0));
                Shell asking = robot.shell("Get access");
                assertEquals(service(PeerDirectory.class).nameOf(peer.id), robot.read(() -> robot.find(Combo.class, "getaccess.peer").getText()),
                        "the dialog asks that peer");
                robot.onUiThread(asking::close);
                show(window, robot, "org.peerdesk.files.ui.part.remote"); // the dialog is the Access view's, which it brought to the front
                robot.onUiThread(() -> tree.getItem(0).setExpanded(false));

                peer.post("/api/v1/access/grants", "{\"peer\": \"" + service(NodeIdentity.class).peerId() + "\", \"resource\": \"team\","
                        + " \"rights\": \"read\"}");
                open(robot, () -> tree.getItem(0));
                robot.waitUntil("the peer opens on the share it lets this node read", () -> texts(tree.getItem(0)).equals("[team]"));
                open(robot, () -> tree.getItem(0).getItem(0));
                robot.waitUntil("the share opens on its folders and files",
                        () -> texts(tree.getItem(0).getItem(0)).equals("[many, reports, notes.txt, plan.txt]"));
                TreeItem plan = robot.read(() -> tree.getItem(0).getItem(0).getItem(3));
                assertEquals("8 B", robot.read(() -> plan.getText(1)));
                assertEquals(4, robot.read(() -> Stream.of(tree.getItem(0), tree.getItem(0).getItem(0), tree.getItem(0).getItem(0).getItem(0), plan)
                        .map(TreeItem::getImage).filter(image -> image != null).distinct().count()), "a peer, a share, a folder and a file each look their own");

                open(robot, () -> tree.getItem(0).getItem(0).getItem(0));
                robot.waitUntil("a long folder shows a page and how to see more", () -> {
                    TreeItem folder = tree.getItem(0).getItem(0).getItem(0);
                    return folder.getItemCount() == PAGE + 1 && folder.getItem(PAGE).getText().startsWith("Show more");
                });
                open(robot, () -> tree.getItem(0).getItem(0).getItem(0).getItem(PAGE));
                robot.waitUntil("the next page takes the place of the row that asked for it", () -> {
                    TreeItem folder = tree.getItem(0).getItem(0).getItem(0);
                    return folder.getItemCount() == PAGE + 1 && folder.getItem(PAGE).getText().equals(String.format("f%04d.txt", PAGE));
                });

                Label status = robot.find(Label.class, "remote.status");
                open(robot, () -> tree.getItem(0).getItem(0).getItem(3));
                Path downloaded = desktopData.resolve("downloads/plan.txt");
                robot.waitUntil("a file double-clicked is downloaded, then opened (or said to have no program)",
                        () -> status.getText().startsWith("Downloaded") && status.getText().contains(downloaded.toString()));
                assertEquals("the plan", Files.readString(downloaded));

                robot.onUiThread(() -> tree.setSelection(tree.getItem(0).getItem(0).getItem(2)));
                robot.click(robot.find(Button.class, "remote.download"));
                robot.waitUntil("the selected file is downloaded", () -> Files.isRegularFile(desktopData.resolve("downloads/notes.txt")));

                Table transfers = robot.find(Table.class, "transfers.table");
                robot.waitUntil("a download is listed by its name, then where it comes from", () -> Stream.of(transfers.getItems())
                        .anyMatch(row -> row.getText(0).equals("\u2193 notes.txt  in team")));

                Shell shell = robot.shell("Peerdesk");
                robot.onUiThread(() -> shell.setVisible(false)); // as if minimized: no window manager here to do it
                robot.waitUntil("the window has lost the focus", () -> shell.getDisplay().getActiveShell() == null);
                service(Transfers.class).download(peer.id, "team/plan.txt", Optional.of(home.resolve("elsewhere")));
                robot.waitUntil("the window's title tells of the finished download", () -> shell.getText().equals("Peerdesk - Downloaded plan.txt"));
                robot.onUiThread(() -> shell.setVisible(true));
                robot.click(transfers);
                robot.waitUntil("focused again, the window has its own title", () -> shell.getText().equals("Peerdesk"));
                open(robot, () -> tree.getItem(0).getItem(0).getItem(0)); // closes the long folder, whose rows hide the next ones
                robot.waitUntil("the folder to drag is in sight", () -> {
                    TreeItem folder = tree.getItem(0).getItem(0).getItem(1);
                    tree.showItem(folder);
                    Rectangle row = folder.getBounds(0);
                    return tree.getClientArea().contains(row.x + row.width / 2, row.y + row.height / 2);
                });
                Point reports = robot.read(() -> middle(tree, tree.getItem(0).getItem(0).getItem(1).getBounds(0)));
                Point dropHere = robot.read(() -> middle(transfers, transfers.getClientArea()));
                robot.drag(reports, dropHere);
                robot.waitUntil("the folder dragged onto the Transfers view is downloaded",
                        () -> Files.isRegularFile(desktopData.resolve("downloads/reports/q1.txt")));
                robot.waitUntil("all four downloads are done", () -> transfers.getItemCount() == 4
                        && Stream.of(transfers.getItems()).allMatch(row -> row.getText(1).equals("done")));
                List<String> progress = robot.read(() -> Stream.of(transfers.getItems()).map(row -> row.getText(2)).toList());
                assertTrue(progress.stream().filter(text -> text.matches("100%  \\S+ B of \\S+ B")).count() == 3
                        && progress.stream().anyMatch(text -> text.matches("100%  \\S+ B of \\S+ B, 2/2 files")),
                        "a file's progress without a count of files, a folder's with one: " + progress);
                Label transfersStatus = robot.find(Label.class, "transfers.status");
                DesktopSession.selectRow(robot, transfers, 0);
                robot.click(robot.find(Button.class, "transfers.retry"));
                robot.waitUntil("a done download is not retried, and says why", () -> transfersStatus.getText().contains(" is done; there is nothing to retry."));
                robot.click(robot.find(Button.class, "transfers.remove"));
                robot.waitUntil("the newest download is taken off the list, and the rest counted by their state", () -> transfers.getItemCount() == 3
                        && transfersStatus.getText().startsWith("Removed the download of reports from the list. 3 done."));
                assertTrue(Files.isRegularFile(desktopData.resolve("downloads/reports/q1.txt")), "what it brought stays");
                assertTrue(robot.read(() -> transfers.getColumn(4).getWidth() < transfers.getColumn(0).getWidth()),
                        "with no problem to show, the Problem column gives its room to the names");
                robot.click(robot.find(Button.class, "transfers.clear"));
                robot.waitUntil("the finished ones are cleared", () -> transfers.getItemCount() == 0
                        && transfersStatus.getText().startsWith("Cleared 3 done or cancelled transfers from the list. Drag files from"));
                robot.waitUntil("emptied, the table's columns have the widths they were made with",
                        () -> transfers.getColumn(4).getWidth() > transfers.getColumn(0).getWidth());

                Path inbox = Files.createDirectories(home.resolve("inbox"));
                service(ShareService.class).add("inbox", inbox);
                robot.onUiThread(() -> { // the Shares view beside Browse peers, where Transfers is
                    EPartService parts = window.getContext().get(EPartService.class);
                    MPart shares = parts.findPart("org.peerdesk.files.ui.part.shares");
                    window.getContext().get(EModelService.class).move(shares, parts.findPart("org.peerdesk.files.ui.part.transfers").getParent());
                    parts.showPart(shares, PartState.ACTIVATE);
                });
                Table sharesTable = robot.find(Table.class, "shares.table");
                robot.waitUntil("the share to drop on is listed", () -> sharesTable.isVisible() && sharesTable.getItemCount() == 1);
                robot.drag(robot.read(() -> middle(tree, tree.getItem(0).getItem(0).getItem(3).getBounds(0))),
                        robot.read(() -> middle(sharesTable, sharesTable.getItem(0).getBounds(0))));
                robot.waitUntil("the file dropped on a share is downloaded into its folder", () -> Files.isRegularFile(inbox.resolve("plan.txt")));

                Text search = robot.find(Text.class, "remote.search");
                robot.enter(search, "Q1 TXT");
                robot.waitUntil("the search lists the file whose name holds both words, and where it is", () -> tree.getItemCount() == 1
                        && tree.getItem(0).getText().startsWith("team/reports/q1.txt  ("));
                open(robot, () -> tree.getItem(0));
                Path found = desktopData.resolve("downloads/q1.txt");
                robot.waitUntil("a file found and double-clicked is downloaded, then opened",
                        () -> status.getText().startsWith("Downloaded") && status.getText().contains(found.toString()));
                assertEquals("a good quarter", Files.readString(found));
                robot.enter(search, "");
                robot.waitUntil("with the search cleared, the tree browses the peers again",
                        () -> tree.getItemCount() == 1 && tree.getItem(0).getText().endsWith("(" + peer.id.shortForm() + ")"));

                robot.onUiThread(() -> {
                    tree.getItem(0).setExpanded(false);
                    tree.deselectAll();
                });
                show(window, robot, "org.peerdesk.transport.ui.part.peers");
                Table peers = robot.find(Table.class, "peers.table");
                robot.waitUntil("the peer is listed", () -> peers.getItemCount() == 1);
                robot.rightClick(peers, () -> peers.getItem(0).getBounds(0));
                robot.waitUntil("the peer's menu offers its shares", () -> peers.getMenu().isVisible()
                        && UiRobot.texts(peers.getMenu()).contains("Browse its shares"));
                robot.choose(robot.read(peers::getMenu), "Browse its shares");
                robot.waitUntil("Browse peers opens on the peer, its share in sight", () -> tree.isVisible() && tree.getSelectionCount() == 1
                        && tree.getSelection()[0] == tree.getItem(0) && tree.getItem(0).getExpanded() && texts(tree.getItem(0)).equals("[team]"));

                Path secret = Files.createDirectories(home.resolve("private"));
                Files.writeString(secret.resolve("key.txt"), "the key");
                peer.post("/api/v1/shares", "{\"name\": \"private\", \"folder\": \"" + secret + "\"}");
                service(Transfers.class).download(peer.id, "private/key.txt", Optional.empty());
                show(window, robot, "org.peerdesk.files.ui.part.transfers");
                robot.waitUntil("a download the peer refuses fails at once, saying why", () -> transfers.getItemCount() > 0
                        && transfers.getItem(0).getText(1).equals("failed") && transfers.getItem(0).getText(4).contains(" gives you no read on 'private/key.txt'"));
                DesktopSession.selectRow(robot, transfers, 0);
                robot.click(robot.find(Button.class, "transfers.ask"));
                Shell ask = robot.shell("Get access");
                assertEquals("private/key.txt", robot.read(() -> robot.find(Text.class, "getaccess.resource").getText()));
                assertEquals("read", robot.read(() -> robot.find(Text.class, "getaccess.rights").getText()));
                robot.click(robot.find(Button.class, "getaccess.ok"));
                robot.waitUntil("the request is sent", ask::isDisposed);
                String asked = peer.get("/api/v1/access/requests");
                assertTrue(asked.matches("(?s).*\"resource\"\\s*:\\s*\"private/key.txt\".*"), "asked of Ben as the dialog was filled in: " + asked);
                peer.post("/api/v1/access/grants", "{\"peer\": \"" + service(NodeIdentity.class).peerId() + "\", \"resource\": \"private\","
                        + " \"rights\": \"read\"}");
                robot.waitUntil("given read, the refused download starts again and ends", () -> transfers.getItem(0).getText(1).equals("done"));
                assertEquals("the key", Files.readString(desktopData.resolve("downloads/key.txt")));
                DesktopSession.selectRow(robot, transfers, 0);
                robot.click(robot.find(Button.class, "transfers.ask"));
                String name = service(PeerDirectory.class).nameOf(peer.id);
                robot.waitUntil("asking for what the peer gives already says so instead",
                        () -> transfersStatus.getText().startsWith(name + " already gives you read on 'private/key.txt'."));
                assertTrue(robot.read(() -> Stream.of(shell.getDisplay().getShells()).noneMatch(open -> open.getText().equals("Get access"))),
                        "no request to send");
                robot.waitUntil("the peer's open row shows what it now gives, unrefreshed", () -> texts(tree.getItem(0)).equals("[private, team]"));

                try (PeerProcess ada = PeerProcess.start(home.resolve("ada"))) {
                    ada.post("/api/v1/identity/name", "{\"name\": \"Ada\"}");
                    service(TransportService.class).connect(ada.id, new PeerAddress("127.0.0.1", ada.port)).toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
                    robot.waitUntil("peers are listed by name, the one connected later first", () -> tree.getItemCount() == 2
                            && tree.getItem(0).getText().startsWith("Ada (") && tree.getItem(1).getText().endsWith("(" + peer.id.shortForm() + ")"));
                }
                robot.waitUntil("the second peer leaves the tree", () -> tree.getItemCount() == 1);
                peer.close();
                robot.waitUntil("a peer that leaves leaves the tree", () -> tree.getItemCount() == 1
                        && tree.getItem(0).getText().startsWith("No peer is connected"));
            });
        }
    }

    /** The middle of {@code area} of {@code control}, on the display (call on the UI thread). */
    private static Point middle(Control control, Rectangle area) {
        return control.toDisplay(area.x + area.width / 2, area.y + area.height / 2);
    }

    /**
     * Double-clicks a row as a user would: select it, then the default selection. Queued, as a click is: a row that opens a
     * dialog would otherwise hold the test until it closed.
     */
    private static void open(UiRobot robot, java.util.function.Supplier<TreeItem> row) {
        TreeItem item = robot.read(row);
        item.getDisplay().asyncExec(() -> {
            item.getParent().setSelection(item);
            Event event = new Event();
            event.item = item;
            item.getParent().notifyListeners(SWT.DefaultSelection, event);
        });
    }

    /** The names of the rows below {@code row}, as "[a, b]" (call on the UI thread). */
    private static String texts(TreeItem row) {
        return Arrays.toString(Arrays.stream(row.getItems()).map(TreeItem::getText).toArray());
    }
}
