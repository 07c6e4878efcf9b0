package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerdesk.system.RunningNode.RUNNING;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.BenchmarkReport;

/**
 * How long a node takes to start and a command to answer, through {@code ./peerdesk} as a user runs them, without
 * and with the start-up cache that the launcher keeps beside the build (Java's AOT cache, from Java 25 on). The
 * two kinds of run alternate. Records the figures in docs/benchmarks.md.
 */
class StartupBenchmark {

    private static final int NODE_STARTS = 5;
    private static final int COMMANDS = 20;
    private static final Duration START = Duration.ofSeconds(60);
    private static final Path CACHES = PeerdeskProcess.ROOT
            .resolve("releng/org.peerdesk.product/target/products/peerdesk.node/linux/gtk/x86_64/peerdesk-node/aot");

    @TempDir
    Path home;

    /** Something run through the launcher; its wall time in milliseconds. */
    private interface Run {
        double millis() throws Exception;
    }

    @Test
    void aNodeStartAndACommandWithoutAndWithTheStartUpCache() throws Exception {
        assertTrue(Runtime.version().feature() >= 25, "the start-up cache needs Java 25 or later");
        Path data = home.resolve("node");
        nodeStart(data, "off"); // makes the data directory: the measured starts open one, as every start but the first does
        cacheReady("node-", () -> nodeStart(data, "on"));
        List<Double> nodeWithout = new ArrayList<>();
        List<Double> nodeWith = new ArrayList<>();
        for (int i = 0; i < NODE_STARTS; i++) {
            nodeWithout.add(nodeStart(data, "off"));
            nodeWith.add(nodeStart(data, "on"));
        }
        List<Double> commandWithout = new ArrayList<>();
        List<Double> commandWith = new ArrayList<>();
        try (PeerdeskProcess node = startNode(data, "on")) {
            node.awaitOutput(RUNNING, START);
            cacheReady("cli-", () -> status(data, "on"));
            for (int i = 0; i < COMMANDS; i++) {
                commandWithout.add(status(data, "off"));
                commandWith.add(status(data, "on"));
            }
            node.terminate();
            assertEquals(0, node.exitCode(START), node.transcript());
        }
        record(median(nodeWithout), median(nodeWith), median(commandWithout), median(commandWith));
    }

    /**
     * Makes the cache whose name starts with {@code kind} afresh from {@code run}, the run measured after (a cache holds
     * what the run that recorded it loaded): one run records, the next writes it.
     */
    private static void cacheReady(String kind, Run run) throws Exception {
        if (Files.isDirectory(CACHES)) {
            try (Stream<Path> files = Files.list(CACHES)) {
                for (Path file : (Iterable<Path>) files.filter(file -> file.getFileName().toString().startsWith(kind) && !file.toString().endsWith(".lock"))::iterator) {
                    Files.delete(file);
                }
            }
        }
        for (int i = 0; i < 3 && !cached(kind); i++) {
            run.millis();
        }
        Eventually.waitUntil(() -> cached(kind), () -> "the launcher wrote no " + kind + " cache in " + CACHES);
    }

    private static boolean cached(String kind) throws Exception {
        if (!Files.isDirectory(CACHES)) {
            return false;
        }
        try (Stream<Path> files = Files.list(CACHES)) {
            return files.map(file -> file.getFileName().toString()).anyMatch(name -> name.startsWith(kind) && name.endsWith(".aot"));
        }
    }

    /** A node's start on {@code data} until it says it runs; then it is stopped. */
    private static double nodeStart(Path data, String cache) throws Exception {
        long started = System.nanoTime();
        try (PeerdeskProcess node = startNode(data, cache)) {
            node.awaitOutput(RUNNING, START);
            double millis = (System.nanoTime() - started) / 1e6;
            node.terminate();
            assertEquals(0, node.exitCode(START), node.transcript());
            return millis;
        }
    }

    private static PeerdeskProcess startNode(Path data, String cache) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        return PeerdeskProcess.start(List.of("node", "--data", data.toString(), "--listen", "127.0.0.1:" + port),
                environment -> environment.put("PEERDESK_AOT", cache));
    }

    /** {@code ./peerdesk status} against the running node, from start to exit. */
    private static double status(Path data, String cache) throws Exception {
        long started = System.nanoTime();
        try (PeerdeskProcess status = PeerdeskProcess.start(List.of("status", "--data", data.toString()),
                environment -> environment.put("PEERDESK_AOT", cache))) {
            assertEquals(0, status.exitCode(START), status.transcript());
            return (System.nanoTime() - started) / 1e6;
        }
    }

    private static double median(List<Double> millis) {
        return millis.stream().sorted().toList().get(millis.size() / 2);
    }

    private static void record(double nodeWithout, double nodeWith, double commandWithout, double commandWith) throws Exception {
        BenchmarkReport.record("startup", String.format(Locale.ROOT, """
                ## Starting a node and a command

                Command: `./peerdesk bench`. Measured %s on %d cores, Java %s. Through `./peerdesk` as a user runs it
                (the launcher's own work included), without the start-up cache it keeps beside the build
                (`PEERDESK_AOT=off`) and with it, the two kinds of run alternating; medians. Each cache is made
                afresh by the kind of run measured (a cache holds what the run that recorded it loaded).

                | measure | without the cache | with it |
                |---|---|---|
                | a node's start on its data directory, until it says it runs (%d starts each) | %.2f s | %.2f s (%.0f%% less) |
                | `./peerdesk status` against a running node, until it exits (%d runs each) | %.0f ms | %.0f ms (%.0f%% less) |
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                NODE_STARTS, nodeWithout / 1000, nodeWith / 1000, 100 * (1 - nodeWith / nodeWithout),
                COMMANDS, commandWithout, commandWith, 100 * (1 - commandWith / commandWithout)));
    }
}
