package org.peerdesk.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.BenchmarkReport;

/**
 * Resident memory of a real headless node process: idle with no peers, and again once it holds
 * connections to several other node processes. Records the figures in docs/benchmarks.md.
 */
class NodeMemoryBenchmark {

    private static final int PEERS = 4;
    private static final long SETTLE_MILLIS = 5_000;

    @TempDir
    Path home;

    @Test
    void residentMemoryOfAnIdleNodeAndPerConnection() throws Exception {
        List<RunningNode> others = new ArrayList<>();
        try (RunningNode hub = new RunningNode(home.resolve("hub"))) {
            Thread.sleep(SETTLE_MILLIS);
            long idle = residentAfterCollectionKib(hub.pid());
            for (int i = 0; i < PEERS; i++) {
                RunningNode peer = new RunningNode(home.resolve("peer" + i));
                others.add(peer);
                peer.cli(0, "connect", hub.cli(0, "invite").stdout().strip());
            }
            Thread.sleep(SETTLE_MILLIS);
            long connected = residentAfterCollectionKib(hub.pid());
            record(idle, connected);
        } finally {
            for (RunningNode peer : others) {
                peer.close();
            }
        }
    }

    /**
     * VmRSS once the node's heap has been collected (through {@code jcmd}, as a user could): without
     * it the figure is whatever the young generation happened to hold, which once read 311 MiB idle
     * and 205 MiB with four more connections.
     */
    private static long residentAfterCollectionKib(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process collection = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!collection.waitFor(60, TimeUnit.SECONDS) || collection.exitValue() != 0) {
            throw new AssertionError("jcmd could not collect the heap of process " + pid);
        }
        Thread.sleep(1_000);
        return residentKib(pid);
    }

    private static long residentKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for process " + pid);
    }

    private static void record(long idleKib, long connectedKib) throws Exception {
        BenchmarkReport.record("node-memory", String.format(Locale.ROOT, """
                ## Node memory (real headless node processes)

                Command: `./peerdesk bench`. Measured %s on %d cores, Java %s, the JVM's default heap settings.
                VmRSS of one node idle with no peers, then after %d other node processes connected to it by
                invite (5 s to settle each time, then a full collection through `jcmd PID GC.run`).

                | measure | result |
                |---|---|
                | (d) resident memory of an idle node | %.0f MiB |
                | (d) with %d connections | %.0f MiB, about %.1f MiB per connection |

                Per-connection growth includes whatever the heap took on while the invites were handled, so
                it is an upper bound; the JVM's heap settings dominate the idle figure.
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), PEERS,
                idleKib / 1024.0, PEERS, connectedKib / 1024.0, (connectedKib - idleKib) / 1024.0 / PEERS));
    }
}
