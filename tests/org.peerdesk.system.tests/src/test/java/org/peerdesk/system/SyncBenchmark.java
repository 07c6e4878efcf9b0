package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.BenchmarkReport;

/**
 * Two-way sync between two nodes on loopback against two Syncthing instances (Debian's package) set up
 * the same way, on the same files, in the same run: (a) a 1 GiB file and (b) 10,000 files of 4 KiB,
 * each timed from the moment it appears in the sender's folder (one rename) and the sender is told to
 * look, until the last byte is in place at the receiver; (c) the sender's first index of both; (d) a
 * rescan of an unchanged 100,000-file share. Records the figures in docs/benchmarks.md.
 */
@Timeout(3600)
class SyncBenchmark {

    private static final long MIB = 1 << 20;
    private static final long BIG_BYTES = 1024 * MIB;
    private static final int SMALL_FILES = 10_000;
    private static final int SMALL_BYTES = 4096;
    private static final int MANY_FILES = 100_000;
    /**
     * Synced, untimed, before the measures, by both tools: each measure then finds its tool running as it
     * runs for hours. As many small files as (b) syncs: after only 1,000, the JVM still compiled about 230
     * methods (1.1 s of CPU) on each node during (b).
     */
    private static final long WARM_UP_BYTES = 256 * MIB;
    private static final int WARM_UP_FILES = SMALL_FILES;
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(1);
    /** How often a measure looks whether the tool is done. */
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration IDLE_CPU = Duration.ofMillis(50);

    @TempDir
    Path home;

    /** Wall-clock seconds of each measure. */
    private static final class Times {
        double big;
        double small;
        double index;
        double rescan;
    }

    @Test
    void againstSyncthingOnTheSameFiles() throws Exception {
        Path source = Files.createDirectories(home.resolve("source"));
        Path big = write(source.resolve("big.bin"), new SplittableRandom(1), BIG_BYTES);
        Path small = Files.createDirectories(source.resolve("small"));
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < SMALL_FILES; i++) {
            write(small.resolve(String.format(Locale.ROOT, "f%05d.dat", i)), random, SMALL_BYTES);
        }
        Path warmUp = Files.createDirectories(source.resolve("warm-up"));
        write(warmUp.resolve("big.bin"), random, WARM_UP_BYTES);
        for (int i = 0; i < WARM_UP_FILES; i++) {
            write(warmUp.resolve(String.format(Locale.ROOT, "f%05d.dat", i)), random, SMALL_BYTES);
        }
        Path many = Files.createDirectories(source.resolve("many"));
        for (int i = 0; i < MANY_FILES; i++) {
            Files.writeString(Files.createDirectories(many.resolve("d" + i / 1000)).resolve("f" + i), "x" + i);
        }
        Times syncthing = syncthing(source);
        Times peerdesk = peerdesk(source);
        record(syncthing, peerdesk);
    }

    // --- Peerdesk ------------------------------------------------------------------------------

    private Times peerdesk(Path source) throws Exception {
        Times times = new Times();
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            String anaId = ana.id();
            String benId = ben.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            Path sender = Files.createDirectories(home.resolve("peerdesk-ana"));
            Path receiver = Files.createDirectories(home.resolve("peerdesk-ben"));
            ana.cli(0, "share", "add", "bench", sender.toString());
            ben.cli(0, "share", "add", "bench", receiver.toString());
            ana.cli(0, "grant", benId, "bench", "read,write");
            ben.cli(0, "grant", anaId, "bench", "read,write");
            ana.cli(0, "sync", "bench", benId);
            ben.cli(0, "sync", "bench", anaId);

            List<ProcessHandle> nodes = List.of(ProcessHandle.of(ana.pid()).orElseThrow(), ProcessHandle.of(ben.pid()).orElseThrow());
            timed(source.resolve("warm-up"), sender, receiver, nodes, () -> rescan(ana, "bench"));
            times.big = timed(source.resolve("big.bin"), sender, receiver, nodes, () -> rescan(ana, "bench"));
            times.small = timed(source.resolve("small"), sender, receiver, nodes, () -> rescan(ana, "bench"));

            // Indexing a new share takes other paths through the code than syncing: warmed up the same way.
            linkTree(source, home.resolve("peerdesk-index-warm-up"), List.of("warm-up"));
            ana.post("/api/v1/shares", Map.of("name", "index-warm-up", "folder", home.resolve("peerdesk-index-warm-up").toString()));
            awaitIndexed(() -> indexed(ana, "index-warm-up", WARM_UP_FILES + 1), "Peerdesk did not index the warm-up folder");
            ana.post("/api/v1/shares/remove", Map.of("name", "index-warm-up"));

            Path indexed = linkTree(source, home.resolve("peerdesk-index"), List.of("big.bin", "small"));
            awaitIdle(nodes);
            flushDisk();
            long start = System.nanoTime();
            ana.post("/api/v1/shares", Map.of("name", "index", "folder", indexed.toString()));
            awaitIndexed(() -> indexed(ana, "index", SMALL_FILES + 1), "Peerdesk did not index the folder");
            times.index = seconds(start);

            ana.cli(0, "share", "add", "many", linkTree(source, home.resolve("peerdesk-many"), List.of("many")).toString());
            rescan(ana, "many");
            awaitIdle(nodes);
            start = System.nanoTime();
            rescan(ana, "many");
            times.rescan = seconds(start);
        }
        return times;
    }

    /** Whether the node's share has finished its scan with {@code files} files in its index. */
    @SuppressWarnings("unchecked")
    private static boolean indexed(RunningNode node, String share, int files) throws Exception {
        List<Map<String, Object>> shares = (List<Map<String, Object>>) node.get("/api/v1/shares").get("shares");
        return shares.stream().anyMatch(found -> share.equals(found.get("name")) && Boolean.FALSE.equals(found.get("scanning"))
                && ((Number) found.get("files")).longValue() == files);
    }

    /**
     * Asks {@code done} as often as {@link #timed} looks for arrived files, for both tools alike, so
     * that neither first index is rounded up to a slower poll.
     */
    private static void awaitIndexed(Eventually.Check done, String failure) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!done.holds()) {
            assertTrue(System.nanoTime() < deadline, failure);
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What `peerdesk share rescan NAME` asks, straight to the admin API, as Syncthing's scan is asked through its REST API. */
    private static void rescan(RunningNode node, String share) throws Exception {
        node.post("/api/v1/shares/rescan", Map.of("name", share));
    }

    // --- Syncthing -----------------------------------------------------------------------------

    /** One Syncthing instance: its home, device ID, ports and API key. */
    private record Instance(Path home, Path folder, String device, int listen, int gui, String key) {

        URI api(String path) {
            return URI.create("http://127.0.0.1:" + gui + path);
        }
    }

    private Times syncthing(Path source) throws Exception {
        Instance a = instance("st-a");
        Instance b = instance("st-b");
        configure(a, b);
        configure(b, a);
        List<Process> running = new ArrayList<>();
        try {
            running.add(start(a));
            running.add(start(b));
            HttpClient http = HttpClient.newHttpClient();
            Eventually.waitUntil(() -> get(http, a, "/rest/system/connections").matches("(?s).*\"connected\"\\s*:\\s*true.*"),
                    () -> "the two Syncthing instances did not connect");
            Times times = new Times();
            List<ProcessHandle> instances = running.stream().map(Process::toHandle).toList();
            timed(source.resolve("warm-up"), a.folder(), b.folder(), instances, () -> post(http, a, "/rest/db/scan?folder=bench"));
            times.big = timed(source.resolve("big.bin"), a.folder(), b.folder(), instances, () -> post(http, a, "/rest/db/scan?folder=bench"));
            times.small = timed(source.resolve("small"), a.folder(), b.folder(), instances, () -> post(http, a, "/rest/db/scan?folder=bench"));
            running.forEach(Process::destroy);
            for (Process process : running) {
                process.waitFor(30, TimeUnit.SECONDS);
            }
            running.clear();

            Instance index = instance("st-index");
            linkTree(source, index.folder(), List.of("big.bin", "small"));
            configure(index, null);
            running.add(start(index));
            long start = System.nanoTime();
            awaitIndexed(() -> indexed(http, index, SMALL_FILES + 1), "Syncthing did not index the folder");
            times.index = seconds(start);

            Instance many = instance("st-many");
            linkTree(source, many.folder(), List.of("many"));
            configure(many, null);
            running.add(start(many));
            Eventually.waitUntil(() -> indexed(http, many, MANY_FILES), () -> "Syncthing did not index the 100,000 files", LONG);
            start = System.nanoTime();
            post(http, many, "/rest/db/scan?folder=bench");
            times.rescan = seconds(start);
            return times;
        } finally {
            running.forEach(Process::destroy);
            for (Process process : running) {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private Instance instance(String name) throws Exception {
        Path instanceHome = home.resolve(name);
        Process generate = new ProcessBuilder("syncthing", "generate", "--home=" + instanceHome, "--no-default-folder",
                "--skip-port-probing").redirectErrorStream(true).start();
        String output = new String(generate.getInputStream().readAllBytes());
        assertTrue(generate.waitFor(60, TimeUnit.SECONDS) && generate.exitValue() == 0, output);
        Matcher device = Pattern.compile("Device ID: ([A-Z0-9-]+)").matcher(output);
        assertTrue(device.find(), output);
        Matcher key = Pattern.compile("<apikey>([^<]+)</apikey>").matcher(Files.readString(instanceHome.resolve("config.xml")));
        assertTrue(key.find());
        return new Instance(instanceHome, Files.createDirectories(home.resolve(name + "-folder")), device.group(1), freePort(),
                freePort(), key.group(1));
    }

    /** A folder "bench" shared with {@code peer} (none for an instance alone), on loopback only, nothing announced or relayed. */
    private static void configure(Instance self, Instance peer) throws IOException {
        String peerDevice = peer == null ? "" : """
                        <device id="%s"></device>
                """.formatted(peer.device());
        String peerEntry = peer == null ? "" : """
                    <device id="%s" name="peer" compression="metadata">
                        <address>tcp://127.0.0.1:%d</address>
                    </device>
                """.formatted(peer.device(), peer.listen());
        Files.writeString(self.home().resolve("config.xml"), """
                <configuration version="36">
                    <folder id="bench" label="bench" path="%s" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="false">
                        <device id="%s"></device>
                %s    </folder>
                    <device id="%s" name="self" compression="metadata">
                        <address>dynamic</address>
                    </device>
                %s    <gui enabled="true" tls="false">
                        <address>127.0.0.1:%d</address>
                        <apikey>%s</apikey>
                    </gui>
                    <options>
                        <listenAddress>tcp://127.0.0.1:%d</listenAddress>
                        <globalAnnounceEnabled>false</globalAnnounceEnabled>
                        <localAnnounceEnabled>false</localAnnounceEnabled>
                        <relaysEnabled>false</relaysEnabled>
                        <natEnabled>false</natEnabled>
                        <startBrowser>false</startBrowser>
                        <urAccepted>-1</urAccepted>
                        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
                        <crashReportingEnabled>false</crashReportingEnabled>
                        <setLowPriority>false</setLowPriority>
                    </options>
                </configuration>
                """.formatted(self.folder(), self.device(), peerDevice, self.device(), peerEntry, self.gui(), self.key(), self.listen()));
    }

    private static Process start(Instance instance) throws IOException {
        return new ProcessBuilder("syncthing", "serve", "--home=" + instance.home(), "--no-browser", "--no-restart")
                .redirectErrorStream(true).redirectOutput(instance.home().resolve("syncthing.log").toFile()).start();
    }

    /** Whether the instance's folder is idle with {@code files} files in its index. */
    private static boolean indexed(HttpClient http, Instance instance, int files) throws Exception {
        String status = get(http, instance, "/rest/db/status?folder=bench");
        return status.matches("(?s).*\"state\"\\s*:\\s*\"idle\".*") && status.matches("(?s).*\"localFiles\"\\s*:\\s*" + files + "\\b.*");
    }

    private static String get(HttpClient http, Instance instance, String path) throws Exception {
        try {
            return http.send(HttpRequest.newBuilder(instance.api(path)).header("X-API-Key", instance.key()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return ""; // not listening yet
        }
    }

    /** Posts and waits for the answer (a scan request answers when the scan is done). */
    private static void post(HttpClient http, Instance instance, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(instance.api(path)).header("X-API-Key", instance.key())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- the measure, alike for both -------------------------------------------------------------

    private interface Nudge {
        void run() throws Exception;
    }

    /**
     * Once the tool's processes are idle, hard-links {@code what} (a file or a folder of files) into a
     * staging folder beside the sender's, renames it into the sender's folder, tells the sender, and
     * waits until the receiver holds every file with every byte; checks the content afterwards.
     */
    private double timed(Path what, Path sender, Path receiver, List<ProcessHandle> tool, Nudge nudge) throws Exception {
        Path staging = linkTree(what.getParent(), Files.createTempDirectory(home, "staging"), List.of(what.getFileName().toString()));
        List<Path> files = files(what);
        long bytes = files.stream().mapToLong(SyncBenchmark::size).sum();
        awaitIdle(tool);
        flushDisk();
        long start = System.nanoTime();
        Files.move(staging.resolve(what.getFileName().toString()), sender.resolve(what.getFileName().toString()));
        nudge.run();
        Path arrived = receiver.resolve(what.getFileName().toString());
        long deadline = start + LONG.toNanos();
        while (!(Files.exists(arrived) && visibleEntries(arrived) == files.size()
                && files(arrived).stream().mapToLong(SyncBenchmark::size).sum() == bytes)) {
            assertTrue(System.nanoTime() < deadline, what.getFileName() + " did not arrive at " + receiver);
            Thread.sleep(POLL.toMillis());
        }
        double seconds = seconds(start);
        for (Path file : files) {
            Path copy = Files.isDirectory(what) ? arrived.resolve(what.relativize(file).toString()) : arrived;
            assertArrayEquals(digest(file), digest(copy), file.toString());
        }
        return seconds;
    }

    /**
     * The names in a (flat) folder that are not hidden, or 1 for a file: cheap enough to ask every
     * 20 ms while a tool works, unlike reading the size of 10,000 files, which took a good part of a
     * core away from the tools being measured. Sizes are read once the count is right.
     */
    private static long visibleEntries(Path top) throws IOException {
        if (!Files.isDirectory(top)) {
            return 1;
        }
        try (Stream<Path> entries = Files.list(top)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith(".")).count();
        }
    }

    /**
     * Waits until {@code tool}'s processes (and their children) together used under {@link #IDLE_CPU}
     * of CPU time over {@link #IDLE_WINDOW}: both tools go on working after the last file is in place
     * (recording what arrived, telling the sender about it), and a measure that started meanwhile
     * would pay for the one before.
     */
    private static void awaitIdle(List<ProcessHandle> tool) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        Duration before = cpu(tool);
        while (true) {
            Thread.sleep(IDLE_WINDOW.toMillis());
            Duration now = cpu(tool);
            if (now.minus(before).compareTo(IDLE_CPU) < 0) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the tool did not settle: " + now.minus(before) + " of CPU in " + IDLE_WINDOW);
            before = now;
        }
    }

    private static Duration cpu(List<ProcessHandle> processes) {
        return Stream.concat(processes.stream(), processes.stream().flatMap(ProcessHandle::descendants))
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }

    /** Writes out what earlier measures left in the page cache, so that no measure pays for the one before. */
    private static void flushDisk() throws Exception {
        assertEquals(0, new ProcessBuilder("sync").start().waitFor());
    }

    /** Hard links of {@code names} under {@code from} into {@code to}, so that every copy costs no time and no disk. */
    private static Path linkTree(Path from, Path to, List<String> names) throws IOException {
        for (String name : names) {
            Path top = from.resolve(name);
            try (Stream<Path> paths = Files.walk(top)) {
                for (Path path : paths.toList()) {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.createLink(target, path);
                    }
                }
            }
        }
        return to;
    }

    /** The files under {@code top} (or {@code top} itself), leaving out hidden temporary files that come and go meanwhile. */
    private static List<Path> files(Path top) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(top, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                    files.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE; // renamed away while walked
            }
        });
        return files;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // renamed away while counted
        }
    }

    private static byte[] digest(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read; (read = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, read);
            }
        }
        return sha.digest();
    }

    private static Path write(Path file, SplittableRandom random, long size) throws IOException {
        byte[] buffer = new byte[(int) Math.min(size, 1 << 20)];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long value = random.nextLong();
                    for (int j = 0; j < 8 && i + j < buffer.length; j++) {
                        buffer[i + j] = (byte) (value >>> (8 * j));
                    }
                }
                out.write(buffer, 0, (int) Math.min(buffer.length, size - written));
            }
        }
        return file;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    // --- the record ----------------------------------------------------------------------------

    private static String ratio(double ours, double theirs) {
        return ours <= theirs ? String.format(Locale.ROOT, "%.1fx faster", theirs / ours) : String.format(Locale.ROOT, "%.1fx slower", ours / theirs);
    }

    private static void record(Times syncthing, Times peerdesk) throws IOException {
        double indexMib = (BIG_BYTES + (double) SMALL_FILES * SMALL_BYTES) / MIB;
        List<String> rows = List.of(
                String.format(Locale.ROOT, "| (a) a 1 GiB file, added until in place at the receiver | %.2f s (%.0f MiB/s) | %.2f s (%.0f MiB/s) | %s | at least 2.5x faster |",
                        peerdesk.big, 1024 / peerdesk.big, syncthing.big, 1024 / syncthing.big, ratio(peerdesk.big, syncthing.big)),
                String.format(Locale.ROOT, "| (b) 10,000 files of 4 KiB, same measure | %.2f s (%.0f files/s) | %.2f s (%.0f files/s) | %s | at least 10x faster |",
                        peerdesk.small, SMALL_FILES / peerdesk.small, syncthing.small, SMALL_FILES / syncthing.small, ratio(peerdesk.small, syncthing.small)),
                String.format(Locale.ROOT, "| (c) first index of both (%.0f MiB, %d files) | %.2f s (%.0f MiB/s, %.0f files/s) | %.2f s (%.0f MiB/s) | %s | hashing at least 1 GiB/s |",
                        indexMib, SMALL_FILES + 1, peerdesk.index, indexMib / peerdesk.index, (SMALL_FILES + 1) / peerdesk.index,
                        syncthing.index, indexMib / syncthing.index, ratio(peerdesk.index, syncthing.index)),
                String.format(Locale.ROOT, "| (d) rescan of an unchanged share of 100,000 files | %.2f s | %.2f s | %s | |", peerdesk.rescan, syncthing.rescan,
                        ratio(peerdesk.rescan, syncthing.rescan)));
        BenchmarkReport.record("sync", String.format(Locale.ROOT, """
                ## File sync against Syncthing

                Command: `./peerdesk bench`. Measured %s on %d cores, Java %s, Syncthing from Debian's package.
                Two nodes on loopback in two-way sync of a share (each granted the other read,write), and two
                Syncthing instances sharing a send-receive folder, on loopback, nothing announced or relayed,
                file watchers off. Each measure hard-links the files into a staging folder, renames it into the
                sender's folder, tells the sender to look (Peerdesk: the admin API's rescan request, which
                `peerdesk share rescan` sends; Syncthing: its REST scan request), and stops when the receiver
                holds every byte (checked by SHA-256 afterwards). Each starts once the tool's processes are idle
                (under 50 ms of CPU in a second) and the disk is synced, so none pays for the work of the last.
                (c) times adding a share through the admin API (Syncthing: starting with a folder) until its status
                says indexed, with every file counted (both asked every 20 ms); (c) and (d) too start once idle.
                Before (a), each tool syncs 256 MiB and 10,000 small files untimed, and before (c) Peerdesk indexes
                them in a share of their own, so that both are measured as they run for hours, the JVM's compiler done.

                | measure | Peerdesk | Syncthing in the same run | ratio | target |
                |---|---|---|---|---|
                %s
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), String.join("\n", rows)));
    }
}
