package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;
import org.peerdesk.ui.WidgetIds;

/** The Access and Audit views in the real window, on the node's real permissions. */
@ExtendWith(PeerLogsOnFailure.class)
class AccessPartTest {

    @TempDir
    Path home;

    @Test
    void grantsShowUpAndAreRevokedFromTheViewAndEveryStepIsAudited() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            PermissionService permissions = service(PermissionService.class);
            byte[] bytes = new byte[32];
            bytes[0] = 42;
            PeerId visitor = new PeerId(bytes);
            show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.permissions.ui.part.access");
            Label summary = robot.find(Label.class, "access.summary");
            robot.waitUntil("an empty node says nothing is shared", () -> summary.getText().contains("Nothing is shared"));

            permissions.grant(visitor, GrantTerms.of(Resource.parse("docs/reports"), EnumSet.of(Right.READ)), Grant.Origin.GRANTED);
            Table grants = robot.find(Table.class, "access.grants");
            robot.waitUntil("the new grant is listed", () -> grants.getItemCount() == 1);
            assertEquals("docs/reports", robot.read(() -> grants.getItem(0).getText(1)));
            assertEquals(visitor.shortForm() + " (stranger)", robot.read(() -> grants.getItem(0).getText(0)));
            permissions.setTrust(visitor, TrustState.BLOCKED);
            robot.waitUntil("a grant to a peer blocked since says so", () -> grants.getItem(0).getText(0).equals(visitor.shortForm()
                    + " (stranger, blocked)"));

            TabFolder sections = robot.find(TabFolder.class, "access.sections");
            robot.waitUntil("its tab counts it", () -> section(sections, "Grants").getText().equals("Grants (1)"));
            showSection(robot, "Grants");
            robot.onUiThread(() -> grants.select(0));
            robot.click(robot.find(Button.class, "access.revoke"));
            robot.waitUntil("the revoked grant is gone", () -> grants.getItemCount() == 0);
            assertTrue(permissions.grants().isEmpty());

            robot.click(robot.find(Button.class, "access.password"));
            Shell dialog = robot.shell("Set a password");
            robot.click(robot.find(Text.class, "password.resource"));
            robot.type("docs");
            robot.onUiThread(() -> {
                robot.find(Text.class, "password.quota").setText("1G");
                robot.find(Text.class, "password.password").setText("long enough secret");
                robot.find(Text.class, "password.again").setText("long enough secret");
            });
            robot.click(robot.find(Button.class, "password.ok"));
            Label refusal = robot.find(Label.class, "password.status");
            robot.waitUntil("a quota on anything but backup is refused", () -> refusal.getText().contains("only backup storage takes one"));
            robot.onUiThread(() -> {
                robot.find(Text.class, "password.quota").setText("");
                robot.find(Text.class, "password.password").setText("");
                robot.find(Text.class, "password.again").setText("");
            });
            robot.click(robot.find(Text.class, "password.password"));
            robot.type("long enough secret");
            robot.click(robot.find(Text.class, "password.again"));
            robot.type("long enough secre");
            robot.click(robot.find(Button.class, "password.ok"));
            Label status = robot.find(Label.class, "password.status");
            robot.waitUntil("a mismatch is explained", () -> status.getText().contains("differ"));
            Text again = robot.find(Text.class, "password.again");
            robot.onUiThread(() -> again.setText(""));
            robot.click(again);
            robot.type("long enough secret");
            robot.click(robot.find(Button.class, "password.ok"));
            robot.waitUntil("the dialog closes", dialog::isDisposed);
            assertEquals("docs", permissions.passwords().get(0).terms().resource().toString());
            Label passwords = robot.find(Label.class, "access.passwords");
            robot.waitUntil("the password is listed", () -> passwords.getText().equals("Passwords: docs gives read."));

            show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.permissions.ui.part.audit");
            Label integrity = robot.find(Label.class, "audit.integrity");
            robot.waitUntil("the audit log counts the four changes", () -> integrity.getText().startsWith("4 entries"));
            assertTrue(robot.read(integrity::getText).contains("intact"));
            assertEquals("password-set", robot.read(() -> robot.find(Table.class, "audit.entries").getItem(0).getText(1)));
            Table audited = robot.find(Table.class, "audit.entries");
            robot.onUiThread(() -> audited.select(IntStream.range(0, audited.getItemCount())
                    .filter(row -> audited.getItem(row).getText(2).equals(visitor.shortForm())).findFirst().orElseThrow()));
            robot.click(robot.find(Button.class, "audit.unblock"));
            robot.waitUntil("a stranger unblocked from its entries is a stranger again, not trusted",
                    () -> integrity.getText().contains("\nUnblocked " + visitor.shortForm() + ": a stranger again"));
            assertEquals(java.util.Optional.of(TrustState.PENDING), permissions.trust(visitor));

            // asking a known peer that is offline: the request waits for it, listed as ours
            service(PeerDirectory.class).remember(visitor, "Zed", java.util.Optional.empty());
            show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.permissions.ui.part.access");
            showSection(robot, "Requests");
            robot.click(robot.find(Button.class, "access.get"));
            Shell ask = robot.shell("Get access");
            robot.click(robot.find(Text.class, "getaccess.resource"));
            robot.type("docs/reports");
            robot.click(robot.find(Button.class, "getaccess.ok"));
            robot.waitUntil("the request is sent and the dialog closes", ask::isDisposed);
            Table requests = robot.find(Table.class, "access.requests");
            robot.waitUntil("our request is listed", () -> requests.getItemCount() == 1);
            assertEquals(List.of("to", "Zed", "docs/reports", "read", "waiting for them"), robot.read(() -> List.of(
                    requests.getItem(0).getText(0), requests.getItem(0).getText(1), requests.getItem(0).getText(2),
                    requests.getItem(0).getText(3), requests.getItem(0).getText(5))));
            assertTrue(robot.read(() -> requests.getItem(0).getText(4)).matches("\\d\\d:\\d\\d"), "asked today, at a time of day");

            robot.click(robot.find(Button.class, "access.get"));
            Shell askStorage = robot.shell("Get access");
            robot.onUiThread(() -> {
                robot.find(Text.class, "getaccess.resource").setText("backup");
                robot.find(Text.class, "getaccess.rights").setText("store-backup");
                robot.find(Text.class, "getaccess.quota").setText("5G");
            });
            robot.click(robot.find(Button.class, "getaccess.ok"));
            robot.waitUntil("the request for storage is sent", askStorage::isDisposed);
            robot.waitUntil("it is listed with the storage asked for", () -> requests.getItemCount() == 2
                    && List.of(requests.getItem(0).getText(2), requests.getItem(0).getText(3)).equals(List.of("backup", "store-backup (up to 5.0 GiB)")));
        });
    }

    /** The tab whose title starts with {@code title} (on the UI thread). */
    private static TabItem section(TabFolder sections, String title) {
        return Stream.of(sections.getItems()).filter(tab -> tab.getText().startsWith(title)).findFirst().orElseThrow();
    }

    /** Brings a tab of the Access view to the front, as clicking it does. */
    private static void showSection(UiRobot robot, String title) {
        TabFolder sections = robot.find(TabFolder.class, "access.sections");
        robot.onUiThread(() -> sections.setSelection(section(sections, title)));
    }

    @Test
    void aRequestThatComesInWhileTheWindowHasNoFocusIsToldInTheWindowsTitle() throws Throwable {
        try (PeerProcess cai = PeerProcess.start(home.resolve("cai"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = service(NodeIdentity.class).peerId();
                service(TransportService.class).connect(cai.id, new PeerAddress("127.0.0.1", cai.port)).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                Shell window = robot.shell("Peerdesk");
                robot.onUiThread(() -> window.setVisible(false)); // as if minimized: no window manager here to do it
                robot.waitUntil("the window has lost the focus", () -> window.getDisplay().getActiveShell() == null);
                cai.post("/api/v1/access/requests", "{\"peer\": \"" + me + "\", \"resource\": \"backup\", \"rights\": \"store-backup\","
                        + " \"quota\": " + (500L << 30) + "}");
                robot.waitUntil("the window's title tells of the request, from a stranger", () -> window.getText().startsWith("Peerdesk - Access request from ")
                        && window.getText().endsWith(" (stranger " + cai.id.shortForm() + ")"));
                robot.onUiThread(() -> window.setVisible(true));
                robot.click(robot.find(Table.class, "peers.table"));
                robot.waitUntil("focused again, the window has its own title", () -> window.getText().equals("Peerdesk"));

                show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.permissions.ui.part.access");
                Table requests = robot.find(Table.class, "access.requests");
                TabFolder sections = robot.find(TabFolder.class, "access.sections");
                robot.waitUntil("the request is listed, and its tab says it waits", () -> requests.getItemCount() == 1
                        && section(sections, "Requests").getText().equals("Requests (1 waiting)"));
                int room = robot.read(() -> requests.getSize().y - requests.getHeaderHeight());
                assertTrue(room >= 60, "the requests have room in the window as it first opens: " + room + " px");
                String asker = robot.read(() -> requests.getItem(0).getText(1));
                robot.waitUntil("the columns take the room their texts need: the empty note's goes to the asker's name",
                        () -> requests.getColumn(5).getWidth() < requests.getColumn(1).getWidth());
                robot.onUiThread(() -> requests.select(0));
                robot.click(robot.find(Button.class, "access.approve"));
                Shell approve = robot.shell("Approve request");
                assertTrue(robot.read(() -> robot.find(Label.class, "approve.stranger").getText()).startsWith(
                        "It is not one of your peers: approving also adds it to them, trusted"), "approving a stranger says what it does");
                Text quota = robot.find(Text.class, "approve.quota");
                assertEquals("500G", robot.read(quota::getText), "the storage asked for, to start with");
                robot.onUiThread(() -> quota.setText("lots"));
                Button ok = robot.find(Button.class, "approve.ok");
                robot.click(ok);
                robot.waitUntil("the dialog asks for a size", () -> ok.getText().equals("Give a size like 50G"));
                robot.onUiThread(() -> quota.setText("20G"));
                robot.click(ok);
                robot.waitUntil("the dialog closes", approve::isDisposed);
                DesktopSession.awaitOffUi("cai may store as much as this node gives", () -> service(PermissionService.class).grants().stream()
                        .anyMatch(grant -> grant.peer().equals(cai.id) && grant.quotaBytes().equals(OptionalLong.of(20L << 30))));
                String caiNamed = service(PeerDirectory.class).nameOf(cai.id); // known since the approval, by the name cai gave
                assertFalse(caiNamed.equals(cai.id.shortForm()), "a stranger approved is known by name");
                assertEquals(caiNamed + " (stranger " + cai.id.shortForm() + ")", asker, "the request showed the name cai gave, as a stranger's");
                Label summary = robot.find(Label.class, "access.summary");
                robot.waitUntil("the outcome names the stranger so", () -> summary.getText().startsWith(caiNamed + " may now use backup."));
                robot.waitUntil("the request says what was asked and what was given",
                        () -> requests.getItemCount() == 1 && requests.getItem(0).getText(3).equals("store-backup (up to 500.0 GiB) (given up to 20.0 GiB)"));
                assertTrue(robot.read(() -> requests.getItem(0).getText(5)).matches("approved \\d\\d:\\d\\d"), "decided today, briefly");

                cai.post("/api/v1/access/requests", "{\"peer\": \"" + me + "\", \"resource\": \"backup\", \"rights\": \"store-backup\","
                        + " \"quota\": " + (2L << 40) + "}");
                robot.waitUntil("the request for more is listed", () -> requests.getItemCount() == 2);
                DesktopSession.selectRow(robot, requests, () -> requests.getItem(0).getText(3).contains("2.0 TiB") ? 0 : 1);
                robot.click(robot.find(Button.class, "access.approve"));
                Shell unlimited = robot.shell("Approve request");
                assertTrue(robot.read(() -> robot.all(unlimited, Label.class).stream().noneMatch(label -> "approve.stranger".equals(
                        label.getData(WidgetIds.KEY)))), "approved once, cai is a known peer");
                robot.onUiThread(() -> robot.find(Text.class, "approve.quota").setText(""));
                robot.click(robot.find(Button.class, "approve.ok"));
                robot.waitUntil("the dialog closes", unlimited::isDisposed);
                DesktopSession.awaitOffUi("an emptied quota gives storage without limit", () -> service(PermissionService.class).grants().stream()
                        .anyMatch(grant -> grant.peer().equals(cai.id) && grant.quotaBytes().isEmpty()));

                robot.onUiThread(() -> window.setVisible(false));
                robot.waitUntil("the window has lost the focus again", () -> window.getDisplay().getActiveShell() == null);
                cai.post("/api/v1/access/grants", "{\"peer\": \"" + me + "\", \"resource\": \"backup\", \"rights\": \"store-backup\"}");
                robot.waitUntil("the window's title tells what cai gave", () -> window.getText().startsWith("Peerdesk - Access from "));
                robot.onUiThread(() -> window.setVisible(true));
                Table given = robot.find(Table.class, "access.given");
                showSection(robot, "Given to you");
                robot.waitUntil("what cai gives is listed, told by cai", () -> java.util.Arrays.stream(given.getItems())
                        .anyMatch(item -> item.getText(1).equals("backup") && item.getText(2).equals("store-backup")));
                robot.rightClick(given, () -> given.getItem(0).getBounds(0));
                robot.waitUntil("a right-click on what cai gives offers what can be done with cai", () -> given.getMenu().isVisible()
                        && UiRobot.texts(given.getMenu()).containsAll(List.of("Browse its shares", "Send a message...")));
            });
        }
    }
}
