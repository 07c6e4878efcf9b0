package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.ConflictMerger;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncService;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.TransportService;

/** A file both sides changed while apart, in the Sync view: compared line by line, then one version chosen. */
@ExtendWith(PeerLogsOnFailure.class)
class SyncConflictTest {

    private static final String SYNC = "org.peerdesk.files.ui.part.sync";

    @TempDir
    Path home;

    @Test
    void aConflictIsComparedLineByLineAndTheChoiceIsMadeInTheComparison() throws Throwable {
        Path atPeer = Files.createDirectories(home.resolve("peer-team"));
        Path atDesk = Files.createDirectories(home.resolve("desk-team"));
        Files.writeString(atPeer.resolve("notes.txt"), "1\n2\n3\n4\n5\n");
        Files.writeString(atPeer.resolve("list.txt"), "milk\n");
        Path peerData = home.resolve("peer");
        PeerProcess peer = PeerProcess.start(peerData);
        int port = peer.port;
        try {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                // as a plugin would: a merger of its own for the lists, ahead of Peerdesk's for any text
                ServiceRegistration<ConflictMerger> lists = FrameworkUtil.getBundle(SyncConflictTest.class).getBundleContext()
                        .registerService(ConflictMerger.class, new ListMerger(), null);
                PeerId me = service(NodeIdentity.class).peerId();
                service(ShareService.class).add("team", atDesk);
                service(PermissionService.class).grant(peer.id, GrantTerms.of(Resource.parse("team"), EnumSet.of(Right.READ, Right.WRITE)),
                        Grant.Origin.GRANTED);
                connect(peer);
                peer.post("/api/v1/shares", "{\"name\": \"team\", \"folder\": \"" + atPeer + "\"}");
                peer.post("/api/v1/access/grants", "{\"peer\": \"" + me + "\", \"resource\": \"team\", \"rights\": \"read,write\"}");
                peer.post("/api/v1/sync", "{\"share\": \"team\", \"peer\": \"" + me + "\"}");
                service(SyncService.class).sync("team", peer.id);
                Path notes = atDesk.resolve("notes.txt");
                Path list = atDesk.resolve("list.txt");
                robot.waitUntil("the peer's files come in", () -> Files.isRegularFile(notes) && Files.isRegularFile(list));

                peer.close();
                edit(notes, "3 at the desk", 100);
                edit(atPeer.resolve("notes.txt"), "3 at the peer", 200); // newer: it keeps the name
                write(list, "milk\neggs\n", 100);
                write(atPeer.resolve("list.txt"), "milk\nbread\n", 200);
                try (PeerProcess again = PeerProcess.start(peerData, port)) {
                    connect(again);
                    MWindow window = workbench.getApplication().getChildren().get(0);
                    MPart syncTab = robot.read(() -> window.getContext().get(EPartService.class).findPart(SYNC));
                    robot.waitUntil("the Sync tab, never opened, counts the conflicts", () -> syncTab.getLabel().equals("Sync (2)"));
                    show(window, robot, SYNC);
                    Table conflicts = robot.find(Table.class, "sync.conflicts");
                    robot.waitUntil("the conflicts are listed", () -> conflicts.getItemCount() == 2);
                    DesktopSession.selectRow(robot, conflicts, () -> row(conflicts, "notes.txt"));
                    robot.click(robot.find(Button.class, "sync.compare"));
                    Shell dialog = robot.shell("Compare notes.txt");
                    StyledText diff = robot.all(dialog, StyledText.class).get(0);
                    String shown = robot.read(diff::getText);
                    assertTrue(shown.contains("\n-3 at the peer\n+3 at the desk\n"), shown);
                    assertTrue(shown.contains("@@ -1,5 +1,5 @@\n 1\n 2\n"), shown);
                    Button merge = button(robot, dialog, "Merge");
                    assertEquals("Keep the lines of both", robot.read(merge::getToolTipText), "a text may be merged, and the dialog says how");
                    assertTrue(robot.all(dialog, Label.class).stream().anyMatch(label -> robot.read(label::getText).endsWith(
                            "\nMerge: Keep the lines of both. The merge goes under the original's name; both versions go to the trash.")));
                    robot.click(button(robot, dialog, "Keep copy"));
                    robot.waitUntil("the choice is made: the copy took the name", () -> conflicts.getItemCount() == 1);
                    robot.waitUntil("one conflict is counted", () -> syncTab.getLabel().equals("Sync (1)"));
                    assertEquals("1\n2\n3 at the desk\n4\n5\n", Files.readString(notes));

                    DesktopSession.selectRow(robot, conflicts, 0);
                    robot.click(robot.find(Button.class, "sync.merge"));
                    robot.waitUntil("merged, no conflict is left", () -> conflicts.getItemCount() == 0 && syncTab.getLabel().equals("Sync"));
                    assertEquals("bread\neggs\nmilk\n", Files.readString(list), "the plugin's merger merged its file");
                    assertTrue(robot.read(() -> robot.find(Label.class, "sync.status").getText())
                            .startsWith("Resolved 'list.txt': merged the two versions (" + ListMerger.LABEL + ")"));
                    lists.unregister();
                }
            });
        } finally {
            peer.close();
        }
    }

    /** A plugin's merger: the items of two shopping lists, each once, in order. */
    private static final class ListMerger implements ConflictMerger {

        static final String LABEL = "Merge the shopping lists";

        @Override
        public String label() {
            return LABEL;
        }

        @Override
        public boolean merges(String path) {
            return path.equals("list.txt");
        }

        @Override
        public byte[] merge(String path, byte[] original, byte[] copy) {
            return (new String(original, StandardCharsets.UTF_8) + new String(copy, StandardCharsets.UTF_8)).lines().distinct().sorted()
                    .map(item -> item + "\n").collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Button button(UiRobot robot, Shell dialog, String text) {
        return robot.all(dialog, Button.class).stream().filter(button -> robot.read(button::getText).equals(text)).findFirst().orElseThrow();
    }

    /** The index of the conflict over {@code path} (on the UI thread). */
    private static int row(Table conflicts, String path) {
        for (int i = 0; i < conflicts.getItemCount(); i++) {
            if (conflicts.getItem(i).getText(1).equals(path)) {
                return i;
            }
        }
        throw new AssertionError("No conflict over " + path);
    }

    private static void write(Path file, String text, long second) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
    }

    private static void connect(PeerProcess peer) throws Exception {
        service(TransportService.class).connect(peer.id, new PeerAddress("127.0.0.1", peer.port)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Changes the third line, dating the change {@code second}s into a fixed day so the newer one is certain. */
    private static void edit(Path file, String third, long second) throws Exception {
        write(file, "1\n2\n" + third + "\n4\n5\n", second);
    }
}
