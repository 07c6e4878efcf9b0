package org.peerdesk.app.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginStartTest {

    @TempDir
    Path home;

    @Test
    void theEntryRunsTheLauncherOnThisDataDirectoryAndGoesAgain() throws Exception {
        Path autostart = home.resolve("config/autostart");
        LoginStart login = new LoginStart(autostart, Path.of("/opt/peerdesk/peerdesk"), Path.of("/home/ana/.peerdesk"));
        assertFalse(login.enabled());
        login.enable();
        assertTrue(login.enabled());
        String entry = Files.readString(autostart.resolve(LoginStart.FILE));
        assertTrue(entry.startsWith("[Desktop Entry]\nType=Application\nName=Peerdesk\n"), entry);
        assertTrue(entry.contains("\nExec=\"/opt/peerdesk/peerdesk\" \"--data\" \"/home/ana/.peerdesk\"\n"), entry);

        LoginStart other = new LoginStart(autostart, Path.of("/opt/peerdesk/peerdesk"), Path.of("/srv/team"));
        assertFalse(other.enabled(), "the entry starts another data directory");
        other.disable();
        assertTrue(login.enabled(), "another node's settings leave this one's entry alone");
        login.disable();
        assertFalse(Files.exists(autostart.resolve(LoginStart.FILE)));
    }

    @Test
    void argumentsAreQuotedAsTheDesktopEntrySpecificationSays() {
        assertEquals("\"/a b/peerdesk\" \"--data\" \"/x/\\\"q\\\" \\$HOME \\`id\\` 100%% \\\\\\\\n\"",
                LoginStart.command(List.of("/a b/peerdesk", "--data", "/x/\"q\" $HOME `id` 100% \\n")));
    }
}
