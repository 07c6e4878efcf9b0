package org.peerdesk.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerdesk.app.tests.DesktopSession.dialogButton;
import static org.peerdesk.app.tests.DesktopSession.selectRow;
import static org.peerdesk.app.tests.DesktopSession.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.descriptor.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.peerdesk.backup.BackupService;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.NodeCommands;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.SyncService;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.plugins.PluginLoader;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.testing.BrokenComponents;
import org.peerdesk.testing.CommandPlugin;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.Relaying;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.TransportService;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ConversationActions;
import org.peerdesk.ui.Work;

/** Starts the real desktop application under Xvfb and checks what a user sees. */
@ExtendWith(PeerLogsOnFailure.class)
class DesktopWindowTest {

    private static final String START_OVER = "Start over as a new node";

    @TempDir
    Path home;

    @Test
    void windowShowsTheRunningNodeWithItsStacksAndStatusLine() throws Throwable {
        Path data = home.resolve("node");
        DesktopSession.run(data, (workbench, robot) -> {
            MApplication application = workbench.getApplication();
            MTrimmedWindow window = (MTrimmedWindow) application.getChildren().get(0);
            Shell shell = robot.shell("Peerdesk");
            assertEquals(window.getWidget(), shell, "the model's window is the one on screen");

            EModelService models = application.getContext().get(EModelService.class);
            for (String stack : List.of("navigation", "main", "activity")) {
                MPartStack found = robot.read(() -> (MPartStack) models.find("org.peerdesk.app.partstack." + stack, application));
                assertNotNull(found, "part stack " + stack);
                assertNotNull(found.getWidget(), "part stack " + stack + " is rendered");
            }
            MPartStack main = robot.read(() -> (MPartStack) models.find("org.peerdesk.app.partstack.main", application));
            assertEquals(List.of("org.peerdesk.app.part.overview", "org.peerdesk.messaging.ui.part.chat", "org.peerdesk.files.ui.part.shares",
                    "org.peerdesk.files.ui.part.remote", "org.peerdesk.files.ui.part.sync", "org.peerdesk.backup.ui.part.backups",
                    "org.peerdesk.permissions.ui.part.access"),
                    robot.read(() -> main.getChildren().stream().map(part -> part.getElementId()).toList()),
                    "the tabs come in one order at every start, whatever order the views' bundles came in");

            assertEquals("This node is running", text(robot, "overview.heading"));
            assertEquals(data.toString(), text(robot, "overview.data"));
            assertTrue(text(robot, "overview.key").startsWith("not protected"), text(robot, "overview.key"));
            assertEquals("Off on this run of the node (peerdesk.upnp=off)", text(robot, "overview.router"), "the tests keep it from asking");
            assertTrue(text(robot, "overview.listen").contains(":" + service(TransportService.class).listenAddresses().get(0).port()),
                    text(robot, "overview.listen"));
            String status = text(robot, "status.node");
            assertTrue(status.startsWith("Node running") && status.endsWith(data.toString()), status);
            Label statusLabel = robot.find(Label.class, "status.node");
            String placement = robot.read(() -> {
                Rectangle label = statusLabel.getDisplay().map(statusLabel.getParent(), null, statusLabel.getBounds());
                Rectangle client = shell.getDisplay().map(shell, null, shell.getClientArea());
                return client.contains(label.x, label.y) && client.contains(label.x, label.y + label.height - 1)
                        && label.height > 0 && statusLabel.isVisible() ? "" : "label " + label + " outside window " + client;
            });
            assertEquals("", placement, "the status line is inside the window");
        });
    }

    @Test
    void thisNodeScrollsToItsLastLineWhereTheViewIsTooLowForAllItSays() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            Shell shell = robot.shell("Peerdesk");
            Label java = robot.find(Label.class, "overview.java");
            robot.onUiThread(() -> shell.setSize(1120, 420));
            ScrolledComposite scrolled = robot.read(() -> {
                Control ancestor = java.getParent();
                while (!(ancestor instanceof ScrolledComposite)) {
                    ancestor = ancestor.getParent();
                }
                return (ScrolledComposite) ancestor;
            });
            robot.waitUntil("the view is lower than what it says, and scrolls", () -> scrolled.getVerticalBar().isVisible()
                    && java.getDisplay().map(java.getParent(), scrolled, java.getBounds()).y > scrolled.getClientArea().height);
            robot.onUiThread(() -> scrolled.setOrigin(0, scrolled.getContent().getSize().y));
            robot.waitUntil("scrolled down, the last line is in sight", () -> {
                Rectangle line = java.getDisplay().map(java.getParent(), scrolled, java.getBounds());
                return line.y >= 0 && line.y + line.height <= scrolled.getClientArea().height;
            });
        });
    }

    @Test
    void thisNodeListsWhatNeedsYouWithLinksToWhereItIsDealtWith() throws Throwable {
        Files.createDirectories(home.resolve("node/plugins"));
        Files.writeString(home.resolve("node/plugins/notes.jar"), "not a bundle at all");
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MWindow window = workbench.getApplication().getChildren().get(0);
            robot.waitUntil("both items are listed", () -> NeedsYouItems.of(robot).size() == 2);
            List<String> items = NeedsYouItems.of(robot);
            assertEquals("Needs you:", text(robot, "overview.needs.title"));
            assertTrue(items.get(0).matches("\u2022 peers see this node by a name made up for it, \".*\"    <a>Show Peers</a>"),
                    "a node without a name of the user's, with the view that renames it: " + items);
            assertTrue(items.get(1).startsWith("\u2022 plugin notes.jar is not installed: ") && items.get(1).endsWith("<a>Open Settings</a>"),
                    "a plugin that cannot run, with the dialog that lists plugins: " + items);
            Link status = robot.find(Link.class, "status.needs");
            assertEquals("\u26a0 <a>2 things need you</a>", robot.read(status::getText), "the status line counts them");

            NeedsYouItems.follow(robot, 0);
            robot.waitUntil("the Peers view is in front", () -> active(robot, window).equals("org.peerdesk.transport.ui.part.peers"));
            service(NodeIdentity.class).rename("Ana's laptop");
            robot.waitUntil("named, the node no longer asks for a name", () -> NeedsYouItems.of(robot).size() == 1);
            robot.waitUntil("the status line counts one", () -> robot.read(status::getText).contains("1 thing needs you"));
            robot.click(status);
            robot.waitUntil("the status line's link shows This node", () -> active(robot, window).equals("org.peerdesk.app.part.overview"));

            NeedsYouItems.follow(robot, 0); // the plugin's, now that the name's is gone
            Shell settings = robot.shell("Settings");
            robot.onUiThread(settings::close);

            // what a plugin adds while the user looks elsewhere is told in the window's title, unless a notice of its own told it
            Shell shell = robot.shell("Peerdesk");
            robot.onUiThread(() -> shell.setVisible(false)); // as if minimized: no window manager here to do it
            robot.waitUntil("the window has lost the focus", () -> shell.getDisplay().getActiveShell() == null);
            ServiceRegistration<AttentionSource> plugin = FrameworkUtil.getBundle(DesktopWindowTest.class).getBundleContext()
                    .registerService(AttentionSource.class, new AttentionSource() {
                        @Override
                        public String area() {
                            return "whiteboard";
                        }

                        @Override
                        public List<Attention> attention() {
                            return List.of(new Attention(area(), "a board was shared with you", "", "", true), // told by a notice of its own
                                    new Attention(area(), "the whiteboard could not be saved: the disk is full", "", ""));
                        }
                    }, null);
            try {
                robot.waitUntil("the window's title tells of what its area does not tell itself", () -> robot.read(shell::getText)
                        .equals("Peerdesk - Needs you: the whiteboard could not be saved: the disk is full"));
                robot.waitUntil("and This node lists them all", () -> NeedsYouItems.of(robot).size() == 3);
            } finally {
                plugin.unregister();
                robot.onUiThread(() -> shell.setVisible(true));
            }
        });
    }

    private static String active(UiRobot robot, MWindow window) {
        return robot.read(() -> {
            MPart part = window.getContext().get(EPartService.class).getActivePart();
            return part == null ? "" : part.getElementId();
        });
    }

    @Test
    void helpMenuOpensTheAboutDialogWithVersionAndDataDirectory() throws Throwable {
        Path data = home.resolve("node");
        DesktopSession.run(data, (workbench, robot) -> {
            robot.click(robot.find(Label.class, "overview.heading"));
            robot.key(SWT.ALT, 'h');
            robot.key(0, 'a');
            Shell about = robot.shell("About Peerdesk");
            assertTrue(text(robot, "about.title").startsWith("Peerdesk 0.1.0"), text(robot, "about.title"));
            assertEquals("Data directory: " + data, text(robot, "about.data"));
            robot.click(robot.find(Button.class, "about.close"));
            robot.waitUntil("the About dialog closes", about::isDisposed);
        });
    }

    @Test
    void aPassphraseSetInTheWindowIsAskedForAtTheNextStartUntilItIsRight() throws Throwable {
        Path data = home.resolve("node");
        PeerId[] peer = {null};
        DesktopSession.run(data, (workbench, robot) -> {
            NodeIdentity identity = service(NodeIdentity.class);
            peer[0] = identity.peerId();
            robot.click(robot.find(Label.class, "overview.heading"));
            robot.key(SWT.ALT, 'f');
            robot.key(0, 'p');
            Shell dialog = robot.shell("Key passphrase");
            typeInto(robot, "passphrase.new", "correct horse");
            typeInto(robot, "passphrase.again", "correct hose");
            robot.click(robot.find(Button.class, "passphrase.ok"));
            robot.waitUntil("the dialog says the two differ", () -> text(robot, "passphrase.status").contains("differ"));
            assertFalse(identity.passphraseProtected());
            typeInto(robot, "passphrase.again", "correct horse");
            robot.click(robot.find(Button.class, "passphrase.ok"));
            robot.waitUntil("the dialog closes", dialog::isDisposed);
            robot.shell("Key passphrase");
            robot.key(0, '\r');
            assertTrue(identity.passphraseProtected());
            robot.waitUntil("This node says so at once", () -> text(robot, "overview.key").equals("protected by a passphrase"));
        });
        DesktopSession.run(data, robot -> {
            robot.shell("Unlock Peerdesk");
            typeInto(robot, "prompt.passphrase", "wrong horse");
            robot.click(robot.find(Button.class, "prompt.ok"));
            robot.waitUntil("the dialog says the passphrase is wrong", () -> text(robot, "prompt.status").contains("does not open"));
            typeInto(robot, "prompt.passphrase", "correct horse");
            robot.click(robot.find(Button.class, "prompt.ok"));
        }, (workbench, robot) -> {
            assertEquals(peer[0], service(NodeIdentity.class).peerId(), "the same node, its key opened");
            assertEquals("protected by a passphrase", text(robot, "overview.key"));
            assertEquals("This node is running", text(robot, "overview.heading"));
        });

        AssertionError quit = assertThrows(AssertionError.class, () -> DesktopSession.run(data,
                robot -> robot.click(robot.find(Button.class, "prompt.cancel")), (workbench, robot) -> robot.shell("Peerdesk")));
        assertTrue(quit.getMessage().contains("refused"), quit.getMessage());
        try (DataDirectory reopened = DataDirectory.open(data)) {
            assertTrue(reopened.isHeld(), "quitting at the passphrase leaves the data directory to whoever comes next");
        }

        DesktopSession.run(data, robot -> {
            typeInto(robot, "prompt.passphrase", "correct horse");
            robot.click(robot.find(Button.class, "prompt.ok"));
        }, (workbench, robot) -> {
            NodeIdentity identity = service(NodeIdentity.class);
            robot.click(robot.find(Label.class, "overview.heading"));
            robot.key(SWT.ALT, 'f');
            robot.key(0, 'p');
            Shell dialog = robot.shell("Key passphrase");
            typeInto(robot, "passphrase.current", "wrong horse");
            robot.click(robot.find(Button.class, "passphrase.ok"));
            robot.waitUntil("changing it takes the current one", () -> text(robot, "passphrase.status").contains("not the current passphrase"));
            typeInto(robot, "passphrase.current", "correct horse");
            robot.click(robot.find(Button.class, "passphrase.ok")); // the new one left empty
            robot.waitUntil("the dialog closes", dialog::isDisposed);
            robot.shell("Key passphrase");
            robot.key(0, '\r');
            assertFalse(identity.passphraseProtected(), "an empty new passphrase removes the protection");
        });
    }

    @Test
    void startingOverMakesANewNodeAtTheNextStartAndKeepsTheOldOneWholeBesideIt() throws Throwable {
        Path data = home.resolve("node");
        PeerId[] old = {null};
        DesktopSession.run(data, (workbench, robot) -> {
            old[0] = service(NodeIdentity.class).peerId();
            askToStartOver(robot);
            robot.waitUntil("This node says what happens at the next start", () -> startingOverItem(robot).isPresent());
            assertTrue(NeedsYouItems.of(robot).get(startingOverItem(robot).get()).endsWith("<a>Start over...</a>"),
                    NeedsYouItems.of(robot).toString());
            NeedsYouItems.follow(robot, startingOverItem(robot).get());
            Shell asked = robot.shell(START_OVER);
            robot.click(dialogButton(robot, asked, "Keep this node"));
            robot.waitUntil("taken back", () -> startingOverItem(robot).isEmpty());
            askToStartOver(robot);
        });
        DesktopSession.run(data, (workbench, robot) -> {
            assertNotEquals(old[0], service(NodeIdentity.class).peerId(), "a new node");
            try (Stream<Path> entries = Files.list(data)) {
                List<Path> before = entries.filter(entry -> entry.getFileName().toString().startsWith("before-start-over-")).toList();
                assertEquals(1, before.size(), before.toString());
                assertTrue(Files.isRegularFile(before.get(0).resolve("peerdesk.properties")), "the old node, whole, beside it");
                assertTrue(Files.isDirectory(before.get(0).resolve("identity")));
                Composite setAside = robot.find(Composite.class, "overview.setAside");
                robot.waitUntil("This node lists the node set aside", () -> robot.read(() -> setAside.isVisible()
                        && setAside.getChildren().length == 2));
                String said = robot.read(() -> ((Label) setAside.getChildren()[0]).getText());
                assertTrue(said.startsWith(before.get(0).getFileName() + ": the node that ran here before starting over, set aside "),
                        said);
                robot.click(robot.find(Button.class, "overview.setAside.delete"));
                Shell confirm = robot.shell("Delete the Node Set Aside");
                robot.click(dialogButton(robot, confirm, "OK"));
                robot.waitUntil("deleted, for good, and no longer listed", () -> !Files.exists(before.get(0))
                        && !robot.read(setAside::isVisible));
            }
        });
    }

    /** File, Start Over as a New Node..., confirmed, and the offer to quit put off. */
    private static void askToStartOver(UiRobot robot) {
        robot.click(robot.find(Label.class, "overview.heading"));
        robot.key(SWT.ALT, 'f');
        robot.key(0, 'o');
        Shell ask = robot.shell(START_OVER);
        robot.click(dialogButton(robot, ask, "Start over"));
        robot.waitUntil("the question closes", ask::isDisposed);
        Shell quit = robot.shell(START_OVER);
        robot.click(dialogButton(robot, quit, "Later"));
        robot.waitUntil("the offer to quit closes", quit::isDisposed);
    }

    private static Optional<Integer> startingOverItem(UiRobot robot) {
        List<String> items = NeedsYouItems.of(robot);
        return IntStream.range(0, items.size()).filter(i -> items.get(i).contains("becomes a new node")).boxed().findFirst();
    }

    @Test
    void aViewAndAnActionThatAPluginAddsComeAndGoWithItsFileWhileTheDesktopRuns() throws Throwable {
        Path plugin = Files.createDirectories(home.resolve("node/plugins")).resolve("example.jar");
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MApplication application = workbench.getApplication();
            MWindow window = application.getChildren().get(0);
            EModelService models = application.getContext().get(EModelService.class);
            MPartStack activity = robot.read(() -> (MPartStack) models.find("org.peerdesk.app.partstack.activity", application));
            CTabFolder tabs = robot.read(() -> (CTabFolder) activity.getWidget());
            Supplier<List<String>> shown = () -> robot.read(() -> Stream.of(tabs.getItems()).map(CTabItem::getText).toList());
            assertFalse(shown.get().contains(ViewPlugin.LABEL), shown.get().toString());

            Supplier<List<String>> actions = () -> robot.read(() -> ConversationActions.of(application, "0".repeat(32)).stream()
                    .filter(ContextMenus.Action::enabled).map(ContextMenus.Action::text).filter(ViewPlugin.ACTION::equals).toList());
            ViewPlugin.write(plugin, "1.0.0");
            robot.waitUntil("the plugin's view has a tab", () -> shown.get().contains(ViewPlugin.LABEL));
            robot.waitUntil("and its action is offered on conversations", () -> actions.get().size() == 1);
            DesktopSession.show(window, robot, ViewPlugin.PART);
            assertEquals(PluginView.TEXT, text(robot, "example.view"), "the view shows what its part made");

            ViewPlugin.write(plugin, "1.0.1"); // a new build copied over the old one, as while working on a plugin
            DesktopSession.awaitOffUi("the new build runs", () -> service(PluginLoader.class).plugins().stream()
                    .anyMatch(installed -> installed.version().equals("1.0.1") && installed.running()));
            robot.waitUntil("the new build's view has one tab", () -> shown.get().stream().filter(ViewPlugin.LABEL::equals).count() == 1);
            DesktopSession.show(window, robot, ViewPlugin.PART);
            assertEquals(PluginView.TEXT, text(robot, "example.view"));

            assertEquals(1, actions.get().size(), "the new build's action in the old one's place");

            Files.delete(plugin);
            robot.waitUntil("the view goes with the plugin's file", () -> !shown.get().contains(ViewPlugin.LABEL));
            robot.waitUntil("and so does its action", () -> actions.get().isEmpty());
        });
    }

    @Test
    void theSettingsDialogGathersEachAreasSettingsAndAppliesThem() throws Throwable {
        Files.createDirectories(home.resolve("node/plugins"));
        Files.writeString(home.resolve("node/plugins/notes.jar"), "not a bundle at all");
        BrokenComponents.write(home.resolve("node/plugins/broken-components.jar"));
        CommandPlugin.write(home.resolve("node/plugins/commands.jar"));
        System.setProperty("peerdesk.launcher", "/opt/peerdesk/peerdesk"); // as the launcher script says
        System.setProperty("peerdesk.autostart", home.resolve("autostart").toString());
        try (PeerProcess office = PeerProcess.start(home.resolve("office"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                service(Introductions.class).add(office.id, new PeerAddress("127.0.0.1", office.port)).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                MPartDescriptor broken = MBasicFactory.INSTANCE.createPartDescriptor(); // as a plugin might contribute it
                broken.setElementId("example.settings.broken");
                broken.setLabel("Broken");
                broken.setContributionURI("bundleclass://org.peerdesk.app/example.NoSuchSection");
                broken.getTags().add("peerdesk:settings");
                robot.onUiThread(() -> workbench.getApplication().getDescriptors().add(broken));
                DesktopSession.awaitOffUi("the plugin's commands are registered", () -> service(NodeCommands.class).all().stream()
                        .filter(command -> command.bundle().equals(CommandPlugin.NAME)).count() == 2);
                openSettings(robot);
                Shell settings = robot.shell("Settings");
                TabFolder tabs = robot.find(TabFolder.class, "settings.tabs");
                assertEquals(List.of("Access", "Addresses", "Backup", "Broken", "Desktop", "Files", "Messages", "Network", "Plugins"),
                        robot.read(() -> Stream.of(tabs.getItems()).map(TabItem::getText).toList()), "by title, whoever contributed them");
                Composite brokenTab = robot.find(Composite.class, "settings.example.settings.broken");
                assertTrue(robot.read(() -> robot.all(brokenTab, Label.class).get(0).getText()).startsWith("This section could not be shown"),
                        "a section that fails costs its tab, not the dialog");
                Button invites = robot.find(Button.class, "settings.invites.message");
                Spinner grace = robot.find(Spinner.class, "settings.backup.grace");
                Spinner trash = robot.find(Spinner.class, "settings.files.trash");
                Spinner keptDeleted = robot.find(Spinner.class, "settings.backup.deleted");
                Combo mailbox = robot.find(Combo.class, "settings.mailbox");
                assertEquals(List.of(true, 30, 30, 7, "None"), robot.read(() -> List.of(invites.getSelection(), grace.getSelection(),
                        trash.getSelection(), keptDeleted.getSelection(), mailbox.getText())), "the current values");
                assertEquals(2, robot.read(mailbox::getItemCount), "none, or the one known peer");
                Table plugins = robot.find(Table.class, "settings.plugins");
                List<String> notes = row(robot, plugins, "notes.jar");
                assertTrue(notes.get(1).isEmpty() && notes.get(2).startsWith("not installed: "),
                        "a plugin that cannot run says why: " + notes);
                String troubled = row(robot, plugins, "broken-components.jar").get(2);
                assertTrue(troubled.startsWith("running, but component ") && troubled.contains(BrokenComponents.WAITS),
                        "a plugin that runs says which of its components do not: " + troubled);
                assertEquals(List.of("commands.jar", CommandPlugin.NAME + " 1.0.0", "running"), row(robot, plugins, "commands.jar"));
                selectRow(robot, plugins, () -> Stream.of(plugins.getItems()).map(item -> item.getText(0)).toList().indexOf("commands.jar"));
                Text details = robot.find(Text.class, "settings.plugins.details");
                assertEquals("Commands:\n  peerdesk " + CommandPlugin.ECHO + " TEXT...: says TEXT back\n  peerdesk " + CommandPlugin.TAKEN
                        + " TEXT... ('" + CommandPlugin.TAKEN + "' is a command of Peerdesk's own): says TEXT back\nServes peers: nothing\n"
                        + "Adds to messages (data beside the text, which it sends and checks in peers' messages): nothing",
                        robot.read(details::getText), "the selected plugin's commands, and why one does not run; no protocol for peers,"
                                + " nothing added to messages");
                Button atLogin = robot.find(Button.class, "settings.login");
                assertFalse(robot.read(atLogin::getSelection));
                Button uploadLimit = robot.find(Button.class, "settings.limit.upload");
                Spinner uploadRate = robot.find(Spinner.class, "settings.limit.upload.rate");
                assertEquals(List.of(false, false), robot.read(() -> List.of(uploadLimit.getSelection(), uploadRate.getEnabled())),
                        "no limit, so no rate to set");
                robot.onUiThread(() -> tabs.setSelection(Stream.of(tabs.getItems()).filter(tab -> tab.getText().equals("Network"))
                        .findFirst().orElseThrow()));
                robot.click(uploadLimit);
                robot.waitUntil("ticking the limit lets its rate be set", uploadRate::getEnabled); // the click comes back from the X server
                Button onlyDuring = robot.find(Button.class, "settings.limit.hours");
                DateTime from = robot.find(DateTime.class, "settings.limit.from");
                DateTime until = robot.find(DateTime.class, "settings.limit.until");
                Text addresses = robot.find(Text.class, "settings.addresses");
                Button relays = robot.find(Button.class, "settings.relaying");
                assertTrue(robot.read(relays::getSelection), "a node relays for its peers until told not to");
                Button upnp = robot.find(Button.class, "settings.upnp");
                assertTrue(robot.read(upnp::getSelection), "a node asks its router to forward a port until told not to");
                assertEquals("Off on this run of the node (peerdesk.upnp=off).", text(robot, "settings.upnp.status"), "the tests keep it from asking");
                robot.onUiThread(() -> {
                    onlyDuring.setSelection(true);
                    from.setTime(9, 0, 0);
                    until.setTime(17, 30, 0);
                    uploadRate.setSelection(2048);
                    atLogin.setSelection(true);
                    invites.setSelection(false);
                    grace.setSelection(7);
                    trash.setSelection(14);
                    keptDeleted.setSelection(3);
                    mailbox.select(1);
                    relays.setSelection(false);
                    upnp.setSelection(false);
                    addresses.setText("home.example.net:22070\n\n[2001:db8::7]:22070\n");
                });
                robot.click(robot.find(Button.class, "settings.ok"));
                robot.waitUntil("the dialog closes", settings::isDisposed);
                assertFalse(service(PermissionService.class).invitesGrantMessages());
                assertEquals(Duration.ofDays(7), service(BackupService.class).removalGrace());
                assertEquals(Duration.ofDays(14), service(SyncService.class).trashKeep());
                assertEquals(Duration.ofDays(3), service(BackupService.class).keepDeleted(), "two periods set in one section");
                assertEquals(Optional.of(office.id), service(MessageService.class).mailbox());
                assertEquals(List.of(new PeerAddress("home.example.net", 22070), new PeerAddress("2001:db8::7", 22070)),
                        service(PublicAddresses.class).addresses());
                assertFalse(service(Relaying.class).relaysForPeers());
                assertFalse(service(PortMapping.class).enabled());
                assertEquals(new RateLimits(2L << 20, 0, Optional.of(new LimitHours(LocalTime.of(9, 0), LocalTime.of(17, 30)))),
                        service(RateLimitSettings.class).limits());
                robot.waitUntil("the Transfers view says why transfers may be slow", () -> text(robot, "transfers.status")
                        .endsWith("Limited to 2.0 MiB/s up, none down from 09:00 to 17:30 (File, Settings..., Network)."));
                String entry = Files.readString(home.resolve("autostart/peerdesk.desktop"));
                assertTrue(entry.contains("Exec=\"/opt/peerdesk/peerdesk\" \"--data\" \"" + home.resolve("node") + "\""), entry);
                robot.waitUntil("the new mailbox is asked for mail", () -> mailboxProblem().isPresent());

                openSettings(robot);
                assertTrue(text(robot, "settings.mailbox.status").matches(".* is online; not asked for mail yet; no mail has come through it yet\\."),
                        text(robot, "settings.mailbox.status"));
                assertTrue(text(robot, "settings.mailbox.problem").startsWith("Problem: it does not let this node message it"),
                        "the office never let this node in: " + text(robot, "settings.mailbox.problem"));
                Shell again = robot.shell("Settings");
                assertEquals(List.of(false, 7, 14, 1), robot.read(() -> List.of(robot.find(Button.class, "settings.invites.message").getSelection(),
                        robot.find(Spinner.class, "settings.backup.grace").getSelection(), robot.find(Spinner.class, "settings.files.trash").getSelection(),
                        robot.find(Combo.class, "settings.mailbox").getSelectionIndex())), "opened again, it shows what was set");
                assertTrue(robot.read(() -> robot.find(Button.class, "settings.login").getSelection()));
                assertEquals(List.of(true, 2048), robot.read(() -> List.of(robot.find(Button.class, "settings.limit.upload").getSelection(),
                        robot.find(Spinner.class, "settings.limit.upload.rate").getSelection())));
                robot.onUiThread(again::close);
                DesktopSession.show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.messaging.ui.part.conversations");
                robot.waitUntil("the Conversations view warns that the mailbox does not serve", () -> text(robot, "conversations.status")
                        .contains("did not come through: it does not let this node message it"));
                robot.onUiThread(() -> workbench.getApplication().getDescriptors().remove(broken));
            });
        } finally {
            System.clearProperty("peerdesk.launcher");
            System.clearProperty("peerdesk.autostart");
        }
    }

    @Test
    void quittingWhileATransferOrBackupRunsAsksFirst() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            CountDownLatch finish = new CountDownLatch(1);
            Job backup = new Job("Backing up photos") {
                @Override
                protected IStatus run(IProgressMonitor monitor) {
                    try {
                        finish.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Status.OK_STATUS;
                }

                @Override
                public boolean belongsTo(Object family) {
                    return family == Work.FAMILY;
                }
            };
            backup.schedule();
            try {
                Shell window = robot.shell("Peerdesk");
                robot.click(robot.find(Label.class, "overview.heading"));
                robot.key(SWT.CTRL, 'q');
                keepRunning(robot, "Backing up photos");
                robot.read(() -> window.getDisplay()).asyncExec(window::close); // the window's close box
                keepRunning(robot, "Backing up photos");
                assertFalse(robot.read(window::isDisposed), "the window stays, and the node with it");
            } finally {
                finish.countDown();
                backup.join();
            }
        });
    }

    /** Answers "Keep running" to the question that quitting asks, after checking it names the work. */
    private static void keepRunning(UiRobot robot, String work) {
        Shell asked = robot.shell("Quit Peerdesk?");
        assertTrue(robot.read(() -> robot.all(asked, Label.class).stream().anyMatch(label -> label.getText().contains(work))),
                "the question says what runs");
        Button keep = robot.read(() -> robot.all(asked, Button.class).stream().filter(button -> button.getText().equals("Keep running"))
                .findFirst().orElseThrow());
        robot.click(keep);
        robot.waitUntil("the question goes", asked::isDisposed);
    }

    private static void openSettings(UiRobot robot) {
        robot.click(robot.find(Label.class, "overview.heading"));
        robot.key(SWT.ALT, 'f');
        robot.key(0, 's');
    }

    /** Clicks into a field, empties it, and types as a user would. */
    private static void typeInto(UiRobot robot, String id, String typed) {
        Text field = robot.find(Text.class, id);
        robot.click(field);
        robot.onUiThread(() -> field.setText(""));
        robot.type(typed);
        robot.waitUntil("the field holds what was typed", () -> field.getText().equals(typed));
    }

    private static Optional<String> mailboxProblem() {
        try {
            return service(MessageService.class).mailboxStatus().problem();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The texts of the table's row for the plugin in {@code file}. */
    private static List<String> row(UiRobot robot, Table plugins, String file) {
        return robot.read(() -> Stream.of(plugins.getItems()).filter(item -> item.getText(0).equals(file)).findFirst()
                .map(item -> IntStream.range(0, plugins.getColumnCount()).mapToObj(item::getText).toList()).orElseThrow());
    }

    private static String text(UiRobot robot, String id) {
        Label label = robot.find(Label.class, id);
        return robot.read(label::getText);
    }

    @Test
    void theWindowOpensOnTheScreenTheFirstTimeAndWhereItWasLeftAfterThatWithItsViewsSizes() throws Throwable {
        Path data = home.resolve("node");
        Rectangle left = new Rectangle(40, 30, 1150, 740);
        AtomicInteger activityHeight = new AtomicInteger();
        DesktopSession.run(data, (workbench, robot) -> {
            Shell shell = robot.shell("Peerdesk");
            String placement = robot.read(() -> {
                Rectangle screen = shell.getDisplay().getPrimaryMonitor().getClientArea();
                Rectangle first = shell.getBounds();
                return screen.contains(first.x, first.y) && screen.contains(first.x + first.width - 1, first.y + first.height - 1) ? ""
                        : first + " is not within " + screen;
            });
            assertEquals("", placement, "the first time, the window is on the screen");
            robot.onUiThread(() -> shell.setBounds(left));
            robot.waitUntil("the window is moved and resized", () -> shell.getBounds().equals(left));

            Control activity = stack(workbench, robot, "activity");
            Rectangle before = robot.read(() -> activity.getDisplay().map(activity.getParent(), null, activity.getBounds()));
            int x = before.x + before.width / 2;
            robot.drag(new Point(x, before.y - 2), new Point(x, before.y - 120)); // the line between the views above and it
            robot.waitUntil("the transfers' stack is taller", () -> activity.getSize().y > before.height + 80);
            activityHeight.set(robot.read(() -> activity.getSize().y));
        });
        DesktopSession.run(data, (workbench, robot) -> {
            Shell shell = robot.shell("Peerdesk");
            robot.waitUntil("the window opens where it was left", () -> shell.getBounds().equals(left));
            Control activity = stack(workbench, robot, "activity");
            robot.waitUntil("the views have the sizes they were given", () -> Math.abs(activity.getSize().y - activityHeight.get()) <= 2);
        });
    }

    /** The widget of the window's part stack named {@code name}. */
    private static Control stack(E4Workbench workbench, UiRobot robot, String name) {
        MApplication application = workbench.getApplication();
        EModelService models = application.getContext().get(EModelService.class);
        return robot.read(() -> (Control) models.find("org.peerdesk.app.partstack." + name, application).getWidget());
    }

    @Test
    void closingTheWindowReleasesTheDataDirectory() throws Throwable {
        Path data = home.resolve("node");
        DesktopSession.run(data, (workbench, robot) -> {
            Shell window = robot.shell("Peerdesk");
            robot.click(robot.find(Label.class, "overview.heading"));
            robot.key(SWT.CTRL, 'q');
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!window.isDisposed() && System.nanoTime() < deadline) { // isDisposed needs no UI thread, which is gone
                Thread.sleep(50);
            }
            assertTrue(window.isDisposed(), "with nothing running, Quit closes at once");
        });
        try (DataDirectory reopened = DataDirectory.open(data)) {
            assertTrue(reopened.isHeld(), "a node can take the directory once the window is closed");
        }
    }
}
