package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File sharing between two real node processes over TLS: nothing is visible before a grant; a grant
 * on one folder shows only that folder; a download of the whole share arrives identical, without the
 * link that points out of the share or the ignored file; bad paths are refused with a clear error.
 * Uploads and two-way sync between the two; a download onto a disk that fills up keeps what arrived,
 * needs the user until its retry goes on from there once there is room, and removed, gives its room back.
 */
@Timeout(300)
class FilesTest {

    @TempDir
    Path home;

    @Test
    void shareGrantBrowseAndDownload() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        byte[] big = new byte[40 * 1024 * 1024 + 3];
        new Random(5).nextBytes(big);
        Files.write(docs.resolve("big.bin"), big);
        Files.createDirectories(docs.resolve("reports/2026"));
        Files.writeString(docs.resolve("reports/2026/q3.txt"), "third quarter");
        Files.writeString(docs.resolve("draft.tmp"), "not for anyone");
        Files.writeString(docs.resolve(".peerdeskignore"), "*.tmp\n");
        Path outside = Files.writeString(home.resolve("outside-secret.txt"), "never shared");
        Files.createSymbolicLink(docs.resolve("secret-link.txt"), outside);

        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            String anaId = ana.id();
            String benId = ben.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            ana.cli(0, "share", "add", "docs", docs.toString());
            assertTrue(ana.cli(1, "compare", "7").stderr().contains("There is no conflict 7."), "the CLI asks the node's sync");
            Eventually.waitUntil(() -> ((Number) shares(ana).get(0).get("files")).intValue() == 3,
                    () -> "ana's share was not indexed");

            assertEquals(ana.json("id").get("name") + " shares nothing with this node yet. Ask: peerdesk request " + anaId + " SHARE read",
                    ben.cli(0, "ls", anaId).stdout().strip(), "no grant yet: no share to list, the peer called by its name, and the request to send named");
            PeerdeskProcess before = ben.cli(1, "ls", anaId, "docs");
            assertTrue(before.stderr().contains(" gives you no read on 'docs'. Ask it: peerdesk request " + anaId.substring(0, 7) + " docs read."),
                    before.transcript());
            PeerdeskProcess nothingGiven = ben.cli(1, "get", anaId, "docs/big.bin", home.resolve("dl").toString());
            assertTrue(nothingGiven.stdout().contains(" gives you no read on 'docs/big.bin'. Ask it: peerdesk request " + anaId.substring(0, 7)
                    + " docs/big.bin read; the download starts again when it is given."), "said at once, not waited on: " + nothingGiven.transcript());

            assertTrue(ben.cli(0, "find", anaId, "q3").stdout().startsWith("No names hold all of those words"), "nothing granted, nothing found");

            ana.cli(0, "grant", benId, "docs/reports", "read");
            String benName = String.valueOf(ben.json("id").get("name"));
            String shared = ana.cli(0, "shares").stdout();
            assertTrue(shared.startsWith("SHARE  FILES ") && shared.contains("  " + benName + " (reports: read)  " + docs + "\n"),
                    "the share says who has access, to what: " + shared);
            assertEquals(List.of(Map.of("peer", benId, "peerName", benName, "path", "reports", "rights", "read")), shares(ana).get(0).get("access"));
            assertEquals(List.of("docs/reports/2026/q3.txt"), found(ben, anaId, "Q3 txt"));
            assertTrue(ben.cli(0, "find", anaId, "q3").stdout().contains("docs/reports/2026/q3.txt"));
            assertEquals(List.of(), found(ben, anaId, "big"), "outside the grant");
            assertEquals(List.of(), found(ben, anaId, "secret"), "links are not in the index");
            assertEquals(List.of(), found(ben, anaId, "draft"), "nor ignored files");
            assertTrue(ben.cli(1, "find", anaId, "a b c d e f g h i").stderr().contains("at most 8 words"));
            assertEquals(List.of("docs"), ben.json("ls", anaId).get("shares"));
            assertEquals(List.of("reports"), names(ben.json("ls", anaId, "docs")));
            assertEquals(List.of("2026"), names(ben.json("ls", anaId, "docs/reports")));
            PeerdeskProcess notGranted = ben.cli(1, "get", anaId, "docs/big.bin", home.resolve("dl").toString());
            assertTrue(notGranted.stdout().contains(" gives you no read on 'docs/big.bin'. Ask it:"), notGranted.transcript());
            assertEquals(1, transfers(ben).size(), "asked twice, one transfer: " + transfers(ben));

            ana.cli(0, "grant", benId, "docs", "read");
            Eventually.waitUntil(() -> "done".equals(transfers(ben).get(0).get("state")), () -> "the refused download did not start again once given");
            String listed = ben.cli(0, "transfers").stdout();
            assertTrue(listed.matches("(?s).* done +docs/big\\.bin from .+ -> \\S+  (\\S+ \\S+) of \\1\n.*"),
                    "a done download of one file, without a count of files: " + listed);
            assertArrayEquals(big, Files.readAllBytes(home.resolve("dl/big.bin")));
            assertEquals(List.of("docs/big.bin"), found(ben, anaId, "big"));
            Path downloads = home.resolve("dl");
            PeerdeskProcess got = ben.cli(0, "get", anaId, "docs", downloads.toString());
            assertTrue(got.stdout().contains("done") && got.stdout().contains("-> " + downloads.resolve("docs") + "  "), got.transcript());
            assertArrayEquals(big, Files.readAllBytes(downloads.resolve("docs/big.bin")));
            assertEquals("third quarter", Files.readString(downloads.resolve("docs/reports/2026/q3.txt")));
            assertFalse(Files.exists(downloads.resolve("docs/draft.tmp")), "ignored files are not shared");
            assertFalse(Files.exists(downloads.resolve("docs/secret-link.txt")), "links are not shared");
            assertEquals("done", transfers(ben).get(0).get("state"));

            assertTrue(ana.cli(0, "share", "ignore", "docs").stdout().contains("  *.tmp"), "the rules the folder came with");
            PeerdeskProcess ignored = ana.cli(0, "share", "ignore", "docs", "*.tmp", "reports/");
            assertTrue(ignored.stdout().contains("'docs' leaves out (.peerdeskignore):\n  *.tmp\n  reports/\n"), ignored.transcript());
            assertEquals(List.of(".peerdeskignore", "big.bin"), names(ben.json("ls", anaId, "docs")), "what the new rules name is out of sight at once");
            assertEquals(List.of(), found(ben, anaId, "q3"));
            PeerdeskProcess none = ana.cliWithInput(0, "", "share", "ignore", "docs", "-");
            assertTrue(none.stdout().contains("'docs' has no ignore rules"), none.transcript());
            assertFalse(Files.exists(docs.resolve(".peerdeskignore")));
            assertEquals(List.of("reports", "big.bin", "draft.tmp"), names(ben.json("ls", anaId, "docs")), "and back without them");
            assertTrue(ana.cli(1, "share", "ignore", "photos").stderr().contains("There is no share called 'photos'."));

            for (String bad : List.of("docs/../outside-secret.txt", "/etc/passwd", "docs/reports/../../x")) {
                PeerdeskProcess refused = ben.cli(1, "get", anaId, bad);
                assertTrue(refused.stderr().contains("does not stay inside") || refused.stderr().contains("absolute"),
                        refused.transcript());
            }
            PeerdeskProcess viaLink = ben.cli(1, "get", anaId, "docs/secret-link.txt", home.resolve("dl2").toString());
            assertTrue(viaLink.transcript().contains("no file 'secret-link.txt'") || viaLink.transcript().contains("failed"),
                    viaLink.transcript());
            assertFalse(Files.exists(home.resolve("dl2/secret-link.txt")));

            ana.stop();
            try (PeerdeskProcess waiting = ben.startCli("get", anaId, "docs/reports", home.resolve("dl3").toString())) {
                waiting.awaitErrorOutput(" is back, whether or not this command still runs", Duration.ofSeconds(30));
                assertTrue(waiting.stderr().startsWith("Waiting for ") && waiting.stderr().contains("\nThe download goes on when "),
                        "the wait is said, and why: " + waiting.transcript());
                ana.start();
                RunningNode.finish(waiting, 0, null);
            }
            assertEquals("third quarter", Files.readString(home.resolve("dl3/reports/2026/q3.txt")), "the download went on once Ana was back");

            ana.cli(0, "share", "remove", "docs");
            assertTrue(Files.exists(docs.resolve("big.bin")), "removing a share keeps its files");
        }
    }

    @Test
    void uploadAndTwoWaySync() throws Exception {
        Path anaTeam = Files.createDirectories(home.resolve("ana-team"));
        Path benTeam = Files.createDirectories(home.resolve("ben-team"));
        Files.writeString(anaTeam.resolve("plan.txt"), "ana's plan");
        Path upload = Files.createDirectories(home.resolve("upload"));
        byte[] report = new byte[5 * 1024 * 1024];
        new Random(8).nextBytes(report);
        Files.write(upload.resolve("report.bin"), report);
        Files.writeString(upload.resolve("note.txt"), "see the report");

        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            String anaId = ana.id();
            String benId = ben.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            ana.cli(0, "share", "add", "team", anaTeam.toString());
            ben.cli(0, "share", "add", "team", benTeam.toString());

            PeerdeskProcess refused = ben.cli(1, "put", upload.toString(), anaId, "team");
            assertTrue(refused.stdout().contains(" gives you no write on 'team/upload'. Ask it: peerdesk request " + anaId.substring(0, 7)
                    + " team/upload write; the upload starts again when it is given."), refused.transcript());
            ana.cli(0, "grant", benId, "team", "read,write");
            PeerdeskProcess put = ben.cli(0, "put", upload.toString(), anaId, "team");
            assertTrue(put.stdout().contains("done"), put.transcript());
            assertArrayEquals(report, Files.readAllBytes(anaTeam.resolve("upload/report.bin")));
            assertEquals("see the report", Files.readString(anaTeam.resolve("upload/note.txt")));

            ana.cli(0, "sync", "team", benId); // before ben gives ana anything: its round says what to ask ben for
            Eventually.waitUntil(() -> String.valueOf(syncPairs(ana).get(0).get("problem"))
                    .endsWith(" gives you no read on 'team', so nothing comes in from it. Ask it: peerdesk request " + benId.substring(0, 7)
                            + " team read,write"), () -> "ana's sync does not say what to ask ben for");
            String waiting = ana.cli(0, "status").stdout();
            assertTrue(waiting.contains("(with a problem, below)") && waiting.contains("nothing comes in from it")
                    && waiting.contains(", your changes not read by it yet"), waiting);
            String oneWay = ana.cli(0, "sync", "list").stdout();
            assertTrue(oneWay.contains(" has not read 'team' here yet: your changes there reach it once it syncs 'team' with this node too."),
                    "ben does not sync with ana, so her changes stay with her: " + oneWay);
            ben.cli(0, "grant", anaId, "team", "read,write");
            Eventually.waitUntil(() -> ben.cli(0, "sync", "list").stdout().contains(" syncs 'team' with this node, taking in your changes; its"
                    + " own come in here once you sync 'team' with "), () -> "ben does not hear that ana syncs his share");
            assertTrue(ben.cli(0, "sync", "list").stdout().contains(" too (peerdesk sync team " + anaId.substring(0, 7) + ")."));
            // well within the minute after which rounds come anyway
            Eventually.waitUntil(() -> syncPairs(ana).get(0).get("problem") == null, () -> "ana's sync did not go on once ben gave read",
                    java.time.Duration.ofSeconds(20));
            ben.cli(0, "sync", "team", anaId);
            Eventually.waitUntil(() -> Files.exists(benTeam.resolve("plan.txt")) && Files.exists(benTeam.resolve("upload/report.bin")),
                    () -> "ana's files did not reach ben");
            assertEquals("ana's plan", Files.readString(benTeam.resolve("plan.txt")));
            assertTrue(syncPairs(ana).get(0).get("peerLastRead") instanceof String, "ana's pair says that ben takes in her changes now");
            assertFalse(ana.cli(0, "sync", "list").stdout().contains("has not read"));
            assertFalse(ben.cli(0, "sync", "list").stdout().contains("taking in your changes"), "syncing back, ben takes ana's in");

            Files.writeString(benTeam.resolve("plan.txt"), "ben's better plan");
            Files.delete(benTeam.resolve("upload/note.txt"));
            Eventually.waitUntil(() -> Files.readString(anaTeam.resolve("plan.txt")).equals("ben's better plan")
                    && !Files.exists(anaTeam.resolve("upload/note.txt")), () -> "ben's changes did not reach ana");
            try (var trash = Files.walk(anaTeam.resolve(".peerdesk/trash"))) {
                assertEquals(List.of("ana's plan", "see the report"), trash.filter(Files::isRegularFile).map(file -> {
                    try {
                        return Files.readString(file);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).sorted().toList(), "what ben replaced and deleted is in ana's trash");
            }
            String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            List<String> listed = ana.cli(0, "trash", "team").stdout().lines().toList();
            assertTrue(listed.get(0).startsWith("KEPT AS") && listed.stream().anyMatch(line -> line.startsWith(day + "/plan.txt "))
                    && listed.stream().anyMatch(line -> line.startsWith(day + "/upload/note.txt ")), "ana's trash, listed: " + listed);
            assertTrue(ana.cli(1, "trash", "team", "restore", day + "/../../plan.txt").stderr().contains("does not stay inside"));
            String restored = ana.cli(0, "trash", "team", "restore", day + "/upload/note.txt").stdout();
            assertTrue(restored.startsWith("Put back 'upload/note.txt' in team"), restored);
            Eventually.waitUntil(() -> Files.exists(benTeam.resolve("upload/note.txt")), () -> "the note ana put back did not reach ben");
            assertEquals("see the report", Files.readString(benTeam.resolve("upload/note.txt")));
            assertEquals("idle", syncPairs(ana).get(0).get("state"));
            assertTrue(ana.cli(0, "conflicts").stdout().contains("No conflicts"));

            // both add to the plan while their pairs are paused: a conflict, merged from the command line into the lines of both
            ana.cli(0, "sync", "pause", "team", benId);
            ben.cli(0, "sync", "pause", "team", anaId);
            Files.writeString(anaTeam.resolve("plan.txt"), "ben's better plan\nana's step\n");
            Files.writeString(benTeam.resolve("plan.txt"), "ben's better plan\nben's step\n");
            ana.cli(0, "sync", "resume", "team", benId);
            ben.cli(0, "sync", "resume", "team", anaId);
            Eventually.waitUntil(() -> !conflicts(ana).isEmpty() || !conflicts(ben).isEmpty(), () -> "the plan changed on both sides is no conflict");
            RunningNode keeper = conflicts(ana).isEmpty() ? ben : ana;
            Map<String, Object> conflict = conflicts(keeper).get(0);
            assertEquals("Keep the lines of both", conflict.get("merge"));
            String offered = keeper.cli(0, "conflicts").stdout();
            assertTrue(offered.startsWith("ID  FILE           KEPT BESIDE IT  ") && offered.contains("  team/plan.txt  plan (conflict ")
                    && offered.contains("  Keep the lines of both\nChoose with: peerdesk resolve ID original|copy|both|merge"), offered);
            String merged = keeper.cli(0, "resolve", String.valueOf(conflict.get("id")), "merge").stdout();
            assertTrue(merged.startsWith("Resolved conflict " + conflict.get("id") + ": merged the two versions; "), merged);
            Eventually.waitUntil(() -> Files.readString(anaTeam.resolve("plan.txt")).equals(Files.readString(benTeam.resolve("plan.txt")))
                    && !Files.exists(anaTeam.resolve(String.valueOf(conflict.get("copy")))) && !Files.exists(benTeam.resolve(String.valueOf(conflict.get("copy")))),
                    () -> "the merged plan did not reach both sides");
            assertEquals(List.of("ana's step", "ben's better plan", "ben's step"),
                    Files.readString(anaTeam.resolve("plan.txt")).lines().sorted().toList(), "every line of both, each once");
            Eventually.waitUntil(() -> conflicts(ana).isEmpty() && conflicts(ben).isEmpty(),
                    () -> "the side that did not choose still lists the conflict its peer settled");

            // ben keeps only the upload folder in sync; a folder outside the share is refused
            PeerdeskProcess outside = ben.cli(1, "sync", "team", anaId, "--only", "upload", "../elsewhere");
            assertTrue(outside.transcript().contains("'../elsewhere'"), outside.transcript());
            PeerdeskProcess narrowed = ben.cli(0, "sync", "team", anaId, "--only", "upload");
            assertTrue(narrowed.stdout().startsWith("Syncing 'team' (only upload) with "), narrowed.transcript());
            assertEquals(List.of("upload"), syncPairs(ben).get(0).get("folders"));
            assertTrue(ben.cli(0, "sync", "list").stdout().contains("team (only upload)  "));
            Files.writeString(anaTeam.resolve("outside.txt"), "not for ben");
            Files.writeString(anaTeam.resolve("upload/inside.txt"), "for ben");
            Eventually.waitUntil(() -> Files.exists(benTeam.resolve("upload/inside.txt")), () -> "ana's new file in ben's folder did not come");
            assertFalse(Files.exists(benTeam.resolve("outside.txt")), "ana's file outside ben's folders stays with her");

            // paused, ben takes nothing in and lets nothing out; resumed, what changed meanwhile goes both ways
            assertTrue(ben.cli(0, "sync", "pause", "team", anaId).stdout().startsWith("Paused syncing 'team' with "));
            assertEquals("paused", syncPairs(ben).get(0).get("state"));
            Files.writeString(anaTeam.resolve("upload/while-paused.txt"), "later for ben");
            Files.writeString(benTeam.resolve("upload/ben-while-paused.txt"), "later for ana");
            Eventually.waitUntil(() -> "waiting".equals(syncPairs(ana).get(0).get("state"))
                    && String.valueOf(syncPairs(ana).get(0).get("problem")).contains("paused this sync"),
                    () -> "ana's pair does not say that ben paused it");
            assertFalse(Files.exists(benTeam.resolve("upload/while-paused.txt")), "nothing comes in while paused");
            assertFalse(Files.exists(anaTeam.resolve("upload/ben-while-paused.txt")), "nothing goes out while paused");
            ben.cli(0, "sync", "resume", "team", anaId);
            Eventually.waitUntil(() -> Files.exists(benTeam.resolve("upload/while-paused.txt")), () -> "resumed, ana's change did not come");
            Eventually.waitUntil(() -> Files.exists(anaTeam.resolve("upload/ben-while-paused.txt")), () -> "resumed, ben's change did not go");
        }
    }

    @Test
    void aDiskThatFillsUpKeepsWhatArrivedAndRetryGoesOnFromIt() throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        byte[] big = new byte[6 * 1024 * 1024];
        new Random(9).nextBytes(big);
        Files.write(docs.resolve("big.bin"), big);
        Path smallDisk = Files.createDirectories(home.resolve("small-disk"));
        boolean mounted = mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", smallDisk.toString()) == 0;
        // Only a developer's machine without root may skip this; CI runs as root and must run it.
        assertTrue(mounted || System.getenv("PEERDESK_CI") == null, "CI must be able to mount a small file system (it runs as root)");
        Assumptions.assumeTrue(mounted, "mounting a small file system needs root");
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            ana.cli(0, "share", "add", "docs", docs.toString());
            ana.cli(0, "grant", ben.id(), "docs", "read");
            Eventually.waitUntil(() -> ((Number) shares(ana).get(0).get("files")).intValue() == 1, () -> "not indexed");

            PeerdeskProcess full = ben.cli(1, "get", ana.id(), "docs/big.bin", smallDisk.toString());
            assertTrue(full.transcript().contains("The disk is full") && full.transcript().contains("resumes"), full.transcript());
            assertFalse(Files.exists(smallDisk.resolve("big.bin")), "nothing partial is put in place");
            long kept = Files.size(smallDisk.resolve(".big.bin.peerdesk-part"));
            assertTrue(kept > 1024 * 1024, "what arrived is kept: " + kept + " bytes");

            String failed = String.valueOf(transfers(ben).get(0).get("id"));
            String status = ben.cli(0, "status").stdout();
            assertTrue(status.contains("download of docs/big.bin from ") && status.contains("failed: The disk is full")
                    && status.contains("(peerdesk retry " + failed + ")"), "the failed download needs the user: " + status);

            assertEquals(0, mount("-o", "remount,size=16m", smallDisk.toString()));
            ben.cli(0, "retry", failed);
            Eventually.waitUntil(() -> "done".equals(transfers(ben).get(0).get("state")), () -> "the retry did not finish");
            assertArrayEquals(big, Files.readAllBytes(smallDisk.resolve("big.bin")));
            assertFalse(ben.cli(0, "status").stdout().contains("failed"), "retried, the download needs nobody");
            assertTrue(ben.cli(0, "transfers", "clear").stdout().startsWith("Took 1 done or cancelled transfer off the list"));
            assertEquals(List.of(), transfers(ben));

            // A download that failed for want of room, removed, gives its room back.
            assertEquals(0, mount("-o", "remount,size=8m", smallDisk.toString()));
            Path again = smallDisk.resolve("again");
            ben.cli(1, "get", ana.id(), "docs/big.bin", again.toString());
            assertTrue(Files.size(again.resolve(".big.bin.peerdesk-part")) > 1024 * 1024, "what arrived is kept for a retry");
            String second = String.valueOf(transfers(ben).get(0).get("id"));
            assertTrue(ben.cli(1, "transfers", "remove", "999").stderr().contains("There is no transfer 999."));
            assertTrue(ben.cli(64, "transfers", "remove", "the-big-one").stderr().contains("transfers takes nothing (the list), clear"));
            String removed = ben.cli(0, "transfers", "remove", second).stdout();
            assertTrue(removed.matches("(?s)Took transfer " + second + " off the list and deleted the [0-9.]+ MiB it had fetched\\.\n"), removed);
            assertFalse(Files.exists(again.resolve(".big.bin.peerdesk-part")), "the partial file is gone");
            assertEquals(List.of(), transfers(ben));
            assertArrayEquals(big, Files.readAllBytes(smallDisk.resolve("big.bin")), "the finished download is untouched");
        } finally {
            mount("-u", smallDisk.toString());
        }
    }

    /** Runs mount (or, with "-u", umount) and returns its exit code. */
    private static int mount(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        boolean unmount = arguments[0].equals("-u");
        command.add(unmount ? "umount" : "mount");
        command.addAll(List.of(arguments).subList(unmount ? 1 : 0, arguments.length));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conflicts(RunningNode node) throws Exception {
        return (List<Map<String, Object>>) node.json("conflicts").get("conflicts");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> syncPairs(RunningNode node) throws Exception {
        return (List<Map<String, Object>>) node.json("sync", "list").get("pairs");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> shares(RunningNode node) throws Exception {
        return (List<Map<String, Object>>) node.json("shares").get("shares");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> transfers(RunningNode node) throws Exception {
        return (List<Map<String, Object>>) node.json("transfers").get("transfers");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> listing) {
        return ((List<Map<String, Object>>) listing.get("entries")).stream().map(entry -> (String) entry.get("name")).toList();
    }

    /** Where the files and folders {@code node} finds in {@code peer}'s shares are. */
    private static List<Object> found(RunningNode node, String peer, String words) throws Exception {
        List<?> found = (List<?>) node.json("find", peer, words).get("found");
        return found.stream().map(entry -> ((Map<?, ?>) entry).get("location")).map(Object.class::cast).toList();
    }
}
