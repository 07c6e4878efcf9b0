package org.peerdesk.system;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.BenchmarkReport;
import org.peerdesk.testing.JdkSocketReference;

/**
 * The transport between two real node processes on loopback, measured with the node's own speed
 * test ({@code ./peerdesk speedtest}), against the JDK's TLS 1.3 socket and plain TCP in the same
 * run. Records the figures in docs/benchmarks.md.
 */
class NodeTransportBenchmark {

    private static final long MIB = 1 << 20;
    private static final int SIZE_MIB = 1024;
    private static final int WARM_UPS = 2;
    private static final int RUNS = 3;

    @TempDir
    Path home;

    @Test
    void oneStreamBetweenTwoNodesAgainstTheJdkSocket() throws Exception {
        JdkSocketReference reference = JdkSocketReference.withNewKeys(home);
        double tcp = reference.tcpMebibytesPerSecond(SIZE_MIB * MIB, SIZE_MIB * MIB);
        double tls = reference.tlsMebibytesPerSecond(SIZE_MIB * MIB, SIZE_MIB * MIB);
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            String benId = ben.id();
            for (int i = 0; i < WARM_UPS; i++) {
                speedTest(ana, benId);
            }
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(speedTest(ana, benId));
            }
            runs.sort(Comparator.comparingDouble(run -> number(run, "mebibytesPerSecond")));
            record(tcp, tls, runs);
        }
    }

    private static Map<String, Object> speedTest(RunningNode from, String to) throws Exception {
        return from.json("speedtest", to, Integer.toString(SIZE_MIB));
    }

    private static double number(Map<String, Object> run, String key) {
        return ((Number) run.get(key)).doubleValue();
    }

    private static void record(double tcp, double tls, List<Map<String, Object>> runs) throws Exception {
        Map<String, Object> median = runs.get(runs.size() / 2);
        String all = runs.stream().map(run -> String.format(Locale.ROOT, "%.0f MiB/s (p99 %.2f ms)",
                number(run, "mebibytesPerSecond"), number(run, "roundTripP99Millis"))).collect(Collectors.joining("; "));
        BenchmarkReport.record("transport-nodes", String.format(Locale.ROOT, """
                ## Transport between two node processes

                Command: `./peerdesk bench`. Measured %s on %d cores, Java %s. Two headless nodes on loopback,
                connected by invite; `./peerdesk speedtest` sends %d MiB over one stream in 1 MiB writes while a
                second stream echoes 64-byte messages every millisecond; %d warm-up runs, then %d measured
                (the median is shown). The references ran in the benchmark's own JVM, one sender and one
                receiver thread, with the same protocol, cipher suite and key type.

                | measure | result | reference in the same run | target |
                |---|---|---|---|
                | (a) one stream, %d MiB | %.0f MiB/s | JDK TLS 1.3 socket %.0f MiB/s (%.0f%%), raw TCP %.0f MiB/s | at least 80%% of JDK TLS |
                | (b) 64-byte round trips on a second stream during (a) | p50 %.2f ms, p99 %.2f ms (%s round trips) | | p99 under 5 ms |

                All runs, slowest first: %s.
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), SIZE_MIB, WARM_UPS,
                RUNS, SIZE_MIB, number(median, "mebibytesPerSecond"), tls, 100 * number(median, "mebibytesPerSecond") / tls,
                tcp, number(median, "roundTripP50Millis"), number(median, "roundTripP99Millis"), median.get("roundTrips"),
                all));
    }
}
