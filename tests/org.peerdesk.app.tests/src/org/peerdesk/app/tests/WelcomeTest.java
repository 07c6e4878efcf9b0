package org.peerdesk.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerdesk.app.tests.DesktopSession.service;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.identity.NodeIdentity;

/** The first start's welcome, in the real window: the user names the node and protects its key, once. */
class WelcomeTest {

    private static final String SWITCH = "peerdesk.welcome";

    @TempDir
    Path home;

    @Test
    void theFirstStartWelcomesTheUserWhoNamesTheNodeAndProtectsItsKey() throws Throwable {
        Path data = home.resolve("node");
        welcomed(() -> DesktopSession.run(data, (workbench, robot) -> {
            Shell welcome = robot.shell("Welcome to Peerdesk");
            NodeIdentity identity = service(NodeIdentity.class);
            Text name = robot.find(Text.class, "welcome.name");
            assertEquals(identity.displayName(), robot.read(name::getText), "the name made up for the node, to change");
            robot.onUiThread(() -> {
                name.setText("Ana's laptop");
                robot.find(Text.class, "welcome.passphrase").setText("correct horse");
                robot.find(Text.class, "welcome.again").setText("correct hose");
            });
            robot.click(robot.find(Button.class, "welcome.ok"));
            Label status = robot.find(Label.class, "welcome.status");
            robot.waitUntil("passphrases that differ are said, the welcome still open",
                    () -> status.getText().equals("The two passphrases differ.") && !welcome.isDisposed());
            assertFalse(identity.named(), "nothing is changed until both are right");

            robot.onUiThread(() -> robot.find(Text.class, "welcome.again").setText("correct horse"));
            robot.click(robot.find(Button.class, "welcome.ok"));
            robot.waitUntil("the welcome closes", welcome::isDisposed);
            assertEquals("Ana's laptop", identity.displayName());
            assertTrue(identity.named());
            assertTrue(identity.passphraseProtected(), "the key is protected");
            assertTrue(identity.isPassphrase("correct horse".toCharArray()));
        }));
    }

    @Test
    void aKeyProtectedAlreadyIsNotOfferedAnotherPassphraseAndLaterChangesNothing() throws Throwable {
        Path data = home.resolve("node");
        DesktopSession.run(data, (workbench, robot) -> service(NodeIdentity.class).protect("correct horse".toCharArray()));
        welcomed(() -> DesktopSession.run(data, robot -> {
            robot.onUiThread(() -> robot.find(Text.class, "prompt.passphrase").setText("correct horse"));
            robot.click(robot.find(Button.class, "prompt.ok"));
        }, (workbench, robot) -> {
            Shell welcome = robot.shell("Welcome to Peerdesk");
            assertTrue(robot.findNow(Text.class, "welcome.passphrase").isEmpty(),
                    "a passphrase is changed with the current one (File, Key Passphrase...), not here");
            robot.click(robot.find(Button.class, "welcome.later"));
            robot.waitUntil("the welcome closes", welcome::isDisposed);
            assertFalse(service(NodeIdentity.class).named(), "Later leaves the name made up for the node");
        }));
    }

    private interface Session {
        void run() throws Throwable;
    }

    /** Runs {@code session} with the welcome on, as a user's desktop has it. */
    private static void welcomed(Session session) throws Throwable {
        String before = System.getProperty(SWITCH);
        System.setProperty(SWITCH, "on");
        try {
            session.run();
        } finally {
            if (before == null) {
                System.clearProperty(SWITCH);
            } else {
                System.setProperty(SWITCH, before);
            }
        }
    }
}
