package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncService;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportService;

/** A file both sides changed while apart, in the Sync view: compared line by line, then one version chosen. */
class SyncConflictTest {

    private static final String SYNC = "org.peerdesk.files.ui.part.sync";

    @TempDir
    Path home;

    @Test
    void aConflictIsComparedLineByLineAndTheChoiceIsMadeInTheComparison() throws Throwable {
        Path atPeer = Files.createDirectories(home.resolve("peer-team"));
        Path atDesk = Files.createDirectories(home.resolve("desk-team"));
        Files.writeString(atPeer.resolve("notes.txt"), "1\n2\n3\n4\n5\n");
        Path peerData = home.resolve("peer");
        PeerProcess peer = PeerProcess.start(peerData);
        int port = peer.port;
        try {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
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
                robot.waitUntil("the peer's file comes in", () -> Files.isRegularFile(notes));

                peer.close();
                edit(notes, "3 at the desk", 100);
                edit(atPeer.resolve("notes.txt"), "3 at the peer", 200); // newer: it keeps the name
                try (PeerProcess again = PeerProcess.start(peerData, port)) {
                    connect(again);
                    MWindow window = workbench.getApplication().getChildren().get(0);
                    MPart syncTab = robot.read(() -> window.getContext().get(EPartService.class).findPart(SYNC));
                    robot.waitUntil("the Sync tab, never opened, counts the conflict", () -> syncTab.getLabel().equals("Sync (1)"));
                    show(window, robot, SYNC);
                    Table conflicts = robot.find(Table.class, "sync.conflicts");
                    robot.waitUntil("the conflict is listed", () -> conflicts.getItemCount() == 1);
                    robot.onUiThread(() -> conflicts.select(0));
                    robot.click(robot.find(Button.class, "sync.compare"));
                    Shell dialog = robot.shell("Compare notes.txt");
                    StyledText diff = robot.all(dialog, StyledText.class).get(0);
                    String shown = robot.read(diff::getText);
                    assertTrue(shown.contains("\n-3 at the peer\n+3 at the desk\n"), shown);
                    assertTrue(shown.contains("@@ -1,5 +1,5 @@\n 1\n 2\n"), shown);
                    robot.click(robot.all(dialog, Button.class).stream().filter(button -> robot.read(button::getText).equals("Keep copy"))
                            .findFirst().orElseThrow());
                    robot.waitUntil("the choice is made: the copy took the name", () -> conflicts.getItemCount() == 0);
                    robot.waitUntil("no conflict is counted any more", () -> syncTab.getLabel().equals("Sync"));
                    assertEquals("1\n2\n3 at the desk\n4\n5\n", Files.readString(notes));
                }
            });
        } finally {
            peer.close();
        }
    }

    private static void connect(PeerProcess peer) throws Exception {
        service(TransportService.class).connect(peer.id, new PeerAddress("127.0.0.1", peer.port)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Changes the third line, dating the change {@code second}s into a fixed day so the newer one is certain. */
    private static void edit(Path file, String third, long second) throws Exception {
        Files.writeString(file, "1\n2\n" + third + "\n4\n5\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
    }
}
