package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.testing.BenchmarkReport;

/**
 * Backup of 1 GiB of mixed files from one node to two holders on loopback, against restic (Debian's
 * package) backing up the same files to a local repository, in the same run: (a) the first backup,
 * (b) a second run with nothing changed, (c) a run after 1% of the data was rewritten, (d) a full
 * restore. Records the figures in docs/benchmarks.md.
 */
class BackupBenchmark {

    private static final long MIB = 1 << 20;
    private static final int BIG_MIB = 512;
    private static final int MEDIUM_FILES = 400;
    private static final int SMALL_FILES = 4000;
    private static final int REWRITTEN_FILES = 10;
    /**
     * Before measuring, each tool backs up and restores a set this many times smaller, untimed: the
     * nodes are then measured as they run for days, the JVM's compiler done (on fresh nodes it took
     * 36 to 48% of every process's CPU during the first backup).
     */
    private static final int WARM_UP_FRACTION = 4;

    @TempDir
    Path home;

    @Test
    void againstResticOnTheSameFiles() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        long total = generate(data, 1, 1);
        Path peerdeskData = Files.createDirectories(home.resolve("data2"));
        copyTree(data, peerdeskData);
        Path warmUp = Files.createDirectories(home.resolve("warm-up"));
        generate(warmUp, WARM_UP_FRACTION, WARM_UP_FRACTION);
        Path second = Files.createDirectories(home.resolve("second"));
        long secondTotal = generate(second, 1, 3);
        Path peerdeskSecond = Files.createDirectories(home.resolve("second2"));
        copyTree(second, peerdeskSecond);
        Times restic = restic(data, warmUp, second);
        Times peerdesk = peerdesk(peerdeskData, total, warmUp, peerdeskSecond);
        record(total, secondTotal, restic, peerdesk);
    }

    /** Wall-clock seconds of each step, and for (c) how much was uploaded. */
    private static final class Times {
        double first;
        double unchanged;
        double changedSeconds;
        long changedUploaded;
        double restore;
        double secondFirst;
    }

    private Times restic(Path data, Path warmUp, Path second) throws Exception {
        Path repository = home.resolve("restic-repo");
        Times times = new Times();
        run(List.of("restic", "init", "--repo", repository.toString()));
        run(List.of("restic", "backup", "--repo", repository.toString(), warmUp.toString()));
        run(List.of("restic", "restore", "latest", "--repo", repository.toString(), "--path", warmUp.toString(), "--target",
                home.resolve("restic-warm-up").toString()));
        times.first = run(List.of("restic", "backup", "--repo", repository.toString(), data.toString()));
        times.unchanged = run(List.of("restic", "backup", "--repo", repository.toString(), data.toString()));
        rewriteOnePercent(data, 2);
        times.changedSeconds = run(List.of("restic", "backup", "--repo", repository.toString(), data.toString()));
        times.restore = run(List.of("restic", "restore", "latest", "--repo", repository.toString(), "--target",
                home.resolve("restic-restored").toString()));
        times.secondFirst = run(List.of("restic", "backup", "--repo", repository.toString(), second.toString()));
        return times;
    }

    private Times peerdesk(Path data, long total, Path warmUp, Path second) throws Exception {
        Times times = new Times();
        try (RunningNode owner = new RunningNode(home.resolve("owner")); RunningNode b = new RunningNode(home.resolve("b"));
                RunningNode c = new RunningNode(home.resolve("c"))) {
            String ownerId = owner.id();
            for (RunningNode holder : List.of(b, c)) {
                owner.cli(0, "connect", holder.cli(0, "invite").stdout().strip());
                holder.cli(0, "grant", ownerId, "backup", "store-backup");
            }
            owner.cli(0, "backup", "add", "warm-up", warmUp.toString(), "--to", b.id(), c.id(), "--copies", "2");
            owner.json("backup", "run", "warm-up");
            owner.json("restore", "warm-up", "latest", "--to", home.resolve("warmed-up").toString());
            owner.cli(0, "backup", "add", "bench", data.toString(), "--to", b.id(), c.id(), "--copies", "2");
            long start = System.nanoTime();
            Map<String, Object> first = result(owner.json("backup", "run", "bench"));
            times.first = seconds(start);
            assertEquals(0, ((Number) first.get("underCopied")).intValue());
            start = System.nanoTime();
            Map<String, Object> unchanged = result(owner.json("backup", "run", "bench"));
            times.unchanged = seconds(start);
            assertEquals(0L, ((Number) unchanged.get("uploadedBytes")).longValue());
            rewriteOnePercent(data, 2);
            start = System.nanoTime();
            Map<String, Object> changed = result(owner.json("backup", "run", "bench"));
            times.changedSeconds = seconds(start);
            times.changedUploaded = ((Number) changed.get("uploadedBytes")).longValue();
            start = System.nanoTime();
            Map<String, Object> restored = result(owner.json("restore", "bench", "latest", "--to", home.resolve("restored").toString()));
            times.restore = seconds(start);
            assertEquals(total, ((Number) restored.get("bytes")).longValue());
            owner.cli(0, "backup", "add", "second", second.toString(), "--to", b.id(), c.id(), "--copies", "2");
            start = System.nanoTime();
            Map<String, Object> again = result(owner.json("backup", "run", "second"));
            times.secondFirst = seconds(start);
            assertEquals(0, ((Number) again.get("underCopied")).intValue());
        }
        return times;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Map<String, Object> job) {
        return (Map<String, Object>) job.get("result");
    }

    /**
     * One big file, many 1 MiB files, many small ones: about 1 GiB of content no compressor shrinks,
     * or that divided by {@code fraction}; each {@code seed} gives other content.
     */
    private static long generate(Path data, int fraction, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long total = write(data.resolve("big.bin"), random, BIG_MIB * MIB / fraction);
        Files.createDirectories(data.resolve("medium"));
        for (int i = 0; i < MEDIUM_FILES / fraction; i++) {
            total += write(data.resolve("medium/file-" + i + ".bin"), random, MIB);
        }
        for (int i = 0; i < SMALL_FILES / fraction; i++) {
            Path folder = Files.createDirectories(data.resolve("small/" + i / 100));
            total += write(folder.resolve("note-" + i + ".txt"), random, 1024 + random.nextInt(60 * 1024));
        }
        return total;
    }

    /** Rewrites ten of the 1 MiB files with new content: 1% of the data. */
    private static void rewriteOnePercent(Path data, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < REWRITTEN_FILES; i++) {
            write(data.resolve("medium/file-" + i * 37 + ".bin"), random, MIB);
        }
    }

    private static long write(Path file, SplittableRandom random, long size) throws IOException {
        byte[] buffer = new byte[(int) Math.min(size, 8 * MIB)];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                for (int i = 0; i + 8 <= buffer.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        buffer[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(buffer, 0, (int) Math.min(buffer.length, size - written));
            }
        }
        return size;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** Runs a command with restic's password set, and returns its wall-clock seconds. */
    private double run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("restic.log").toFile());
        builder.environment().put("RESTIC_PASSWORD", "benchmark");
        builder.environment().put("RESTIC_CACHE_DIR", home.resolve("restic-cache").toString());
        long start = System.nanoTime();
        Process process = builder.start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES));
        double seconds = seconds(start);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + Files.readString(home.resolve("restic.log")));
        return seconds;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void record(long total, long secondTotal, Times restic, Times peerdesk) throws IOException {
        double gib = total / (double) (1 << 30);
        List<String> rows = new ArrayList<>();
        rows.add(row("(a) first backup", peerdesk.first, restic.first, total, "not slower than restic, with two copies sent"));
        rows.add(row("(b) second run, nothing changed", peerdesk.unchanged, restic.unchanged, 0, "not slower"));
        rows.add(String.format(Locale.ROOT, "| (c) second run after rewriting 1%% | %.2f s, uploaded %.1f MiB (%.1f%% of the data, both copies) | %.2f s | not slower; at most 3%% uploaded |",
                peerdesk.changedSeconds, peerdesk.changedUploaded / (double) MIB, 100.0 * peerdesk.changedUploaded / total, restic.changedSeconds));
        rows.add(row("(d) full restore", peerdesk.restore, restic.restore, total, "not slower"));
        rows.add(row("(a) again: another 1 GiB set, after (a) to (d)", peerdesk.secondFirst, restic.secondFirst, secondTotal,
                "(not a target: how a node that has run a while does)"));
        BenchmarkReport.record("backup", String.format(Locale.ROOT, """
                ## Backup against restic

                Command: `./peerdesk bench`. Measured %s on %d cores, Java %s, restic from Debian's package.
                %.2f GiB of incompressible files (one of %d MiB, %d of 1 MiB, %d small ones of 1 to 61 KiB), the
                same files for both. Peerdesk: three node processes on loopback, the owner sending each chunk
                to two holders over TLS (each holder fsyncs every blob before it acknowledges); timed around
                the CLI command, which waits for the job to finish. restic: `restic backup` to a local
                repository and `restic restore`, timed around the command. (c) rewrites ten of the 1 MiB files.
                Before measuring, each tool backs up and restores a set a quarter that size, untimed. That does
                not finish the JVM's compiling: the last row backs up a second set of the same kind (other
                content) after (d), which is closer to a node that has run for days.

                | measure | Peerdesk | restic in the same run | target |
                |---|---|---|---|
                %s
                """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), gib, BIG_MIB, MEDIUM_FILES,
                SMALL_FILES, String.join("\n", rows)));
    }

    private static String row(String measure, double ours, double theirs, long bytes, String target) {
        String rate = bytes > 0 ? String.format(Locale.ROOT, " (%.0f MiB/s)", bytes / (double) MIB / ours) : "";
        String theirRate = bytes > 0 ? String.format(Locale.ROOT, " (%.0f MiB/s)", bytes / (double) MIB / theirs) : "";
        return String.format(Locale.ROOT, "| %s | %.2f s%s | %.2f s%s | %s |", measure, ours, rate, theirs, theirRate, target);
    }
}
