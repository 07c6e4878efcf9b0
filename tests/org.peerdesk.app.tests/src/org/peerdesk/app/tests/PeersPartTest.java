package org.peerdesk.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerdesk.app.tests.DesktopSession.awaitOffUi;
import static org.peerdesk.app.tests.DesktopSession.selectRow;
import static org.peerdesk.app.tests.DesktopSession.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.NearbyPeers;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;

/** The Peers view in the real window, as a user meets it first: no peers yet, an identity to share. */
@ExtendWith(PeerLogsOnFailure.class)
class PeersPartTest {

    @TempDir
    Path home;

    @Test
    void showsThisNodesIdentityAndHandsOutInvites() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            BundleContext context = FrameworkUtil.getBundle(PeersPartTest.class).getBundleContext();
            NodeIdentity identity = context.getService(context.getServiceReference(NodeIdentity.class));
            assertEquals(identity.peerId().toString(), text(robot, "identity.peerId"));
            assertEquals(identity.displayName(), robot.read(robot.find(Label.class, "identity.name")::getText));
            robot.waitUntil("the empty list explains itself",
                    () -> robot.find(Label.class, "peers.summary").getText().startsWith("No peers yet"));
            assertEquals(0, robot.read(robot.find(Table.class, "peers.table")::getItemCount));

            robot.click(robot.find(Button.class, "peers.invite"));
            robot.shell("Invite someone");
            String code = text(robot, "invite.code");
            assertTrue(code.startsWith("PD1-") && code.length() > 60, code);
            String listening = context.getService(context.getServiceReference(TransportService.class)).listenAddresses().get(0).shown();
            String explained = robot.read(robot.find(Label.class, "invite.explanation")::getText);
            assertTrue(explained.contains(listening) && explained.contains("File, Settings..., Addresses"), "where the code sends them: " + explained);
            Label qr = robot.find(Label.class, "invite.qr");
            assertTrue(robot.read(() -> qr.getImage() != null && qr.getImage().getBounds().width > 100), "the code as a QR picture");
            robot.click(robot.find(Button.class, "invite.close"));
        });
    }

    @Test
    void theNodeIsRenamedFromTheViewAndTheViewFollowsARenameFromTheCli() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            BundleContext context = FrameworkUtil.getBundle(PeersPartTest.class).getBundleContext();
            NodeIdentity identity = context.getService(context.getServiceReference(NodeIdentity.class));
            Label unnamed = robot.find(Label.class, "identity.unnamed");
            robot.waitUntil("a new node invites its user to name it", unnamed::isVisible);
            robot.click(robot.find(Button.class, "identity.rename"));
            Shell dialog = robot.shell("Rename this node");
            Text field = robot.all(dialog, Text.class).get(0);
            Button ok = robot.all(dialog, Button.class).stream().filter(button -> robot.read(button::getText).equals("OK"))
                    .findFirst().orElseThrow();
            robot.onUiThread(() -> field.setText(""));
            robot.waitUntil("an empty name cannot be chosen", () -> !ok.isEnabled());
            robot.click(field);
            robot.type("Ana at home");
            robot.waitUntil("the name is in the field as typed", () -> field.getText().equals("Ana at home") && ok.isEnabled());
            robot.click(ok);
            Label name = robot.find(Label.class, "identity.name");
            robot.waitUntil("the view shows the new name, and no longer asks for one", () -> name.getText().equals("Ana at home")
                    && !unnamed.isVisible());
            assertEquals("Ana at home", identity.displayName());

            identity.rename("Ana elsewhere"); // as the CLI does, through the admin API
            robot.waitUntil("the view follows a rename made elsewhere", () -> name.getText().equals("Ana elsewhere"));
        });
    }

    @Test
    void aDamagedInviteCodeIsExplainedAndTheDialogStaysOpen() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            robot.click(robot.find(Button.class, "peers.add"));
            Shell dialog = robot.shell("Add peer");
            Label heard = robot.find(Label.class, "addpeer.heard.summary");
            robot.waitUntil("the dialog says why it lists no peers nearby (the tests run without LAN discovery)",
                    () -> heard.getText().equals("LAN discovery is off on this node, so it hears no peers nearby."));
            Text target = robot.find(Text.class, "addpeer.target");
            robot.click(target);
            robot.type("pd1-abcdefgh");
            robot.waitUntil("the code is in the field as typed", () -> target.getText().equals("pd1-abcdefgh"));
            robot.click(robot.find(Button.class, "addpeer.connect"));
            Label status = robot.find(Label.class, "addpeer.status");
            robot.waitUntil("the dialog says what is wrong", () -> status.getText().contains("invite code"));
            assertTrue(robot.read(() -> !dialog.isDisposed() && dialog.isVisible()), "the dialog stays open to correct it");
        });
    }

    @Test
    void aPeerHeardOnTheLocalNetworkIsAddedByChoosingIt() throws Throwable {
        try (PeerProcess ben = PeerProcess.start(home.resolve("ben"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                // what LAN discovery reports of a peer it heard (PeersTest hears real announcements)
                NearbyPeers.Nearby heard = new NearbyPeers.Nearby(ben.id, "Ben's laptop", List.of(new PeerAddress("127.0.0.1", ben.port)),
                        Instant.now());
                BundleContext context = FrameworkUtil.getBundle(PeersPartTest.class).getBundleContext();
                ServiceRegistration<NearbyPeers> hearing = context.registerService(NearbyPeers.class, new NearbyPeers() {
                    @Override
                    public List<Nearby> nearby() {
                        return List.of(heard);
                    }

                    @Override
                    public boolean listening() {
                        return true;
                    }
                }, new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 100)));
                try {
                    robot.click(robot.find(Button.class, "peers.add"));
                    robot.shell("Add peer");
                    Table list = robot.find(Table.class, "addpeer.heard");
                    robot.waitUntil("the peer heard is listed by the name it gives itself",
                            () -> list.getItemCount() == 1 && list.getItem(0).getText(0).equals("Ben's laptop"));
                    selectRow(robot, list, 0);
                    Text target = robot.find(Text.class, "addpeer.target");
                    robot.waitUntil("choosing it fills in its ID and address", () -> target.getText().equals(ben.id + "@127.0.0.1:" + ben.port));
                    robot.click(robot.find(Button.class, "addpeer.connect"));
                    Table table = robot.find(Table.class, "peers.table");
                    robot.waitUntil("it is a known peer, online", () -> table.getItemCount() == 1 && table.getItem(0).getText(1).equals("online"));
                } finally {
                    hearing.unregister();
                }
            });
        }
    }

    @Test
    void aPeerIntroducedByAnotherIsAddedFromTheViewAndAKnownPeerIsIntroducedToOthers() throws Throwable {
        try (PeerProcess ana = PeerProcess.start(home.resolve("ana")); PeerProcess cai = PeerProcess.start(home.resolve("cai"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = service(NodeIdentity.class).peerId();
                service(Introductions.class).accept(ana.inviteCode()).toCompletableFuture().get(30, TimeUnit.SECONDS);
                cai.post("/api/v1/peers", "{\"target\": \"" + ana.inviteCode() + "\"}");
                ana.post("/api/v1/introductions", "{\"peers\": [\"" + me + "\", \"" + cai.id + "\"]}");

                Table table = robot.find(Table.class, "peers.table");
                Label summary = robot.find(Label.class, "peers.summary");
                robot.waitUntil("the peer introduced is listed after those known, by whom, and the summary says what to do", () ->
                        table.getItemCount() == 2 && table.getItem(1).getText(1).startsWith("via ") && table.getItem(1).getText(2).equals("new")
                                && summary.getText().endsWith(" to you: select to add or decline."));
                assertEquals(2, robot.read(() -> Stream.of(table.getItems()).map(row -> row.getImage(0)).filter(Objects::nonNull).distinct().count()),
                        "a connected peer and one not connected each look their own");
                Button add = robot.find(Button.class, "peers.accept");
                Button block = robot.find(Button.class, "peers.block");
                assertEquals(List.of(false, true), robot.read(() -> List.of(add.isVisible(), block.isVisible())), "nothing introduced is selected");
                selectRow(robot, table, 1);
                robot.waitUntil("selecting it offers adding or declining it, not what acts on known peers",
                        () -> add.isVisible() && robot.find(Button.class, "peers.decline").isVisible() && !block.isVisible());
                robot.click(add);
                robot.waitUntil("it is a known peer now, and the view says the other side has to add this node too", () ->
                        summary.getText().contains(", introduced by ") && summary.getText().contains(" has added you too")
                                && table.getItemCount() == 2 && table.getItem(1).getText(2).equals("trusted")
                                && block.isVisible() && !add.isVisible());
                awaitOffUi("cai hears of this node", () -> cai.get("/api/v1/introductions").contains(me.toString()));
                cai.post("/api/v1/introductions/accept", "{\"id\": 1}");
                robot.waitUntil("once cai adds this node too, they connect", () -> table.getItem(1).getText(1).equals("online"));
                assertEquals(robot.read(() -> table.getItem(0).getImage(0)), robot.read(() -> table.getItem(1).getImage(0)), "both connected now");

                selectRow(robot, table, 0);
                robot.click(robot.find(Button.class, "peers.introduce"));
                robot.shell("Introduce " + robot.read(() -> table.getItem(0).getText(0)));
                Table others = robot.find(Table.class, "introduce.peers");
                robot.waitUntil("the other known peers are offered", () -> others.getItemCount() == 1);
                robot.click(robot.find(Button.class, "introduce.ok"));
                Label problem = robot.find(Label.class, "introduce.problem");
                robot.waitUntil("introducing to nobody is explained, the dialog still open", () -> problem.getText().startsWith("Tick the peers"));
                robot.onUiThread(() -> others.getItem(0).setChecked(true));
                robot.click(robot.find(Button.class, "introduce.ok"));
                robot.waitUntil("the introduction is made, and said so", () -> summary.getText().contains(" to 1 peer. Each hears of it when connected"));
            });
        }
    }

    @Test
    void aPeerIsBlockedGrantedAndForgottenFromTheView() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            BundleContext context = FrameworkUtil.getBundle(PeersPartTest.class).getBundleContext();
            byte[] bytes = new byte[32];
            bytes[0] = 7;
            PeerId zed = new PeerId(bytes);
            context.getService(context.getServiceReference(PeerDirectory.class)).remember(zed, "Zed", java.util.Optional.empty());
            PermissionService permissions = context.getService(context.getServiceReference(PermissionService.class));
            Table table = robot.find(Table.class, "peers.table");
            robot.waitUntil("the peer is listed as trusted", () -> table.getItemCount() == 1 && table.getItem(0).getText(2).equals("trusted"));
            assertEquals("never seen", robot.read(() -> table.getItem(0).getText(1)));
            robot.waitUntil("every column is in sight in the window's first layout", () -> {
                int columns = 0;
                for (TableColumn column : table.getColumns()) {
                    columns += column.getWidth();
                }
                return Math.abs(columns - table.getClientArea().width) <= 1;
            });

            robot.onUiThread(() -> table.select(0));
            robot.click(robot.find(Button.class, "peers.block"));
            robot.waitUntil("the peer shows as blocked", () -> table.getItem(0).getText(2).equals("blocked"));
            assertEquals(java.util.Optional.of(TrustState.BLOCKED), permissions.trust(zed));

            robot.onUiThread(() -> table.select(0));
            robot.click(robot.find(Button.class, "peers.block"));
            robot.waitUntil("the peer is trusted again", () -> table.getItem(0).getText(2).equals("trusted"));

            robot.onUiThread(() -> table.deselectAll());
            robot.rightClick(table, () -> table.getItem(0).getBounds(0));
            robot.waitUntil("a right-click on the peer offers blocking and what other views contribute", () -> table.getMenu().isVisible()
                    && Set.copyOf(UiRobot.texts(table.getMenu()))
                            .equals(Set.of("Block / unblock", "Forget...", "Introduce...", "Send a message...", "Browse its shares", "Grant access...",
                                    "Ask for access...")));
            robot.choose(robot.read(table::getMenu), "Send a message...");
            Label title = robot.find(Label.class, "chat.title");
            Text composer = robot.find(Text.class, "chat.composer");
            robot.waitUntil("the chat with the peer opens, ready to write",
                    () -> title.getText().equals("Conversation with Zed. Messages are signed, and kept until delivered.") && composer.isFocusControl());

            robot.rightClick(table, () -> table.getItem(0).getBounds(0));
            robot.waitUntil("the peer's menu is open again", () -> table.getMenu().isVisible());
            robot.choose(robot.read(table::getMenu), "Grant access...");
            robot.shell("Grant access");
            assertEquals("Zed", robot.read(robot.find(Combo.class, "grant.peer")::getText), "the peer is chosen already");
            robot.click(robot.find(Text.class, "grant.resource"));
            robot.type("messages");
            robot.click(robot.find(Button.class, "grant.ok"));
            Label problem = robot.find(Label.class, "grant.status");
            robot.waitUntil("a right that makes no sense on the resource is explained, the dialog still open",
                    () -> problem.getText().contains("read") && !problem.isDisposed());
            Text rights = robot.find(Text.class, "grant.rights");
            robot.onUiThread(() -> rights.setText("message"));
            robot.click(robot.find(Button.class, "grant.ok"));
            Label summary = robot.find(Label.class, "access.summary");
            robot.waitUntil("the grant is given and said so in the Access view", () -> summary.getText().startsWith("Granted message on messages to Zed. "));
            assertTrue(permissions.grants().stream().anyMatch(grant -> grant.peer().equals(zed)
                    && grant.resource().equals(Resource.MESSAGES)), permissions.grants().toString());

            robot.rightClick(table, () -> table.getItem(0).getBounds(0));
            robot.waitUntil("the peer's menu is open to ask it for access", () -> table.getMenu().isVisible());
            robot.choose(robot.read(table::getMenu), "Ask for access...");
            Shell ask = robot.shell("Get access");
            assertEquals("Zed", robot.read(robot.find(Combo.class, "getaccess.peer")::getText), "the peer is chosen already");
            assertEquals("read", robot.read(robot.find(Text.class, "getaccess.rights")::getText));
            robot.onUiThread(ask::close);

            robot.rightClick(table, () -> table.getItem(0).getBounds(0));
            robot.waitUntil("the peer's menu is open once more", () -> table.getMenu().isVisible());
            robot.choose(robot.read(table::getMenu), "Grant access...");
            robot.shell("Grant access");
            Text quota = robot.find(Text.class, "grant.quota");
            robot.onUiThread(() -> {
                robot.find(Text.class, "grant.resource").setText("backup");
                robot.find(Text.class, "grant.rights").setText("store-backup");
                quota.setText("twenty gigs");
            });
            robot.click(robot.find(Button.class, "grant.ok"));
            Label refused = robot.find(Label.class, "grant.status");
            robot.waitUntil("a quota that is no size is explained", () -> refused.getText().contains("is not a size like 500M or 10G"));
            robot.onUiThread(() -> quota.setText("20G"));
            robot.click(robot.find(Button.class, "grant.ok"));
            robot.waitUntil("backup storage is granted with its quota",
                    () -> summary.getText().startsWith("Granted store-backup on backup (up to 20.0 GiB) to Zed. "));
            assertTrue(permissions.grants().stream().anyMatch(grant -> grant.peer().equals(zed) && grant.resource().equals(Resource.BACKUP)
                    && grant.quotaBytes().equals(java.util.OptionalLong.of(20L << 30))), permissions.grants().toString());

            robot.onUiThread(() -> table.select(0));
            robot.click(robot.find(Button.class, "peers.forget")); // a real click: the confirmation that follows is modal
            Shell confirm = robot.shell("Forget peer");
            Button ok = robot.read(() -> robot.all(confirm, Button.class).stream().filter(button -> button.getText().equals("OK"))
                    .findFirst().orElseThrow());
            robot.click(ok);
            Label peersSummary = robot.find(Label.class, "peers.summary");
            robot.waitUntil("the peer is forgotten, and the view says what ended",
                    () -> table.getItemCount() == 0 && peersSummary.getText().equals("Forgot Zed; 2 grants ended. No peers yet: invite someone, or add a peer."));
            assertTrue(permissions.grants().stream().noneMatch(grant -> grant.peer().equals(zed)), permissions.grants().toString());
            assertEquals(java.util.Optional.empty(), permissions.trust(zed));
        });
    }

    private static String text(UiRobot robot, String id) {
        Text text = robot.find(Text.class, id);
        return robot.read(text::getText);
    }
}
