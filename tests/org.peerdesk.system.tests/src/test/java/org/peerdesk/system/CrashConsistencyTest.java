package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/**
 * A process writing to the node's database is killed with SIGKILL mid-stream; reopened, the
 * database is consistent and holds every transaction whose commit had returned.
 */
@Timeout(120)
class CrashConsistencyTest {

    @TempDir
    Path home;

    @ParameterizedTest(name = "killed after {0} acknowledged transactions")
    @ValueSource(ints = {1, 300, 2000})
    void sigkillDuringWritesLosesNoAcknowledgedTransactionAndTearsNone(int acknowledgedBeforeKill) throws Exception {
        Path data = home.resolve("node");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LedgerWriter.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long lastAcknowledged = 0;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", output.readLine());
            while (lastAcknowledged < acknowledgedBeforeKill) {
                lastAcknowledged = Long.parseLong(output.readLine());
            }
            writer.toHandle().destroyForcibly(); // SIGKILL, keeping our end of its output open
            writer.waitFor(10, TimeUnit.SECONDS);
            String line;
            while ((line = output.readLine()) != null) { // acknowledged before the signal landed
                lastAcknowledged = Long.parseLong(line);
            }
        }

        try (DataDirectory directory = DataDirectory.open(data); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(LedgerWriter.SCHEMA);
            assertEquals(LedgerWriter.ACCOUNTS * LedgerWriter.OPENING_BALANCE, LedgerWriter.total(storage),
                    "no transaction was torn");
            long[] transfers = storage.transact(connection -> {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*), MAX(seq) FROM transfers")) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2)};
                }
            });
            assertTrue(transfers[1] >= lastAcknowledged, "transfer " + lastAcknowledged + " was acknowledged, but only "
                    + transfers[1] + " survived");
            assertEquals(transfers[1], transfers[0], "no gaps in the sequence");
        }
    }
}
