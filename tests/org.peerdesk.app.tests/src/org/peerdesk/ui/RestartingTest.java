package org.peerdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RestartingTest {

    @Test
    void theNextRunIsTheLauncherOnTheSameDataDirectoryAndAddressWithTheSameOptionsWaitingForThisOneInASessionOfItsOwn() {
        ProcessBuilder next = Restarting.nextRun(Path.of("/opt/peerdesk/peerdesk"), Path.of("/home/ana/.peerdesk"),
                Optional.of("0.0.0.0:22070"), Map.of("PEERDESK_JAVA_OPTS", "-Dpeerdesk.welcome=off"), 4242,
                Optional.of(Path.of("/usr/bin/setsid")));
        assertEquals(List.of("/usr/bin/setsid", "/opt/peerdesk/peerdesk", "--data", "/home/ana/.peerdesk", "--listen", "0.0.0.0:22070"),
                next.command());
        assertEquals("-Dpeerdesk.welcome=off -Dpeerdesk.restartOf=4242", next.environment().get("PEERDESK_JAVA_OPTS"));

        ProcessBuilder plain = Restarting.nextRun(Path.of("/opt/peerdesk/peerdesk"), Path.of("/home/ana/.peerdesk"), Optional.empty(),
                Map.of(), 7, Optional.empty());
        assertEquals(List.of("/opt/peerdesk/peerdesk", "--data", "/home/ana/.peerdesk"), plain.command(),
                "listening where it chooses, and in this run's session where there is no setsid");
        assertEquals("-Dpeerdesk.restartOf=7", plain.environment().get("PEERDESK_JAVA_OPTS"));
    }
}
