package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File sharing between two real node processes over TLS: nothing is visible before a grant; a grant
 * on one folder shows only that folder; a download of the whole share arrives identical, without the
 * link that points out of the share or the ignored file; bad paths are refused with a clear error.
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
            Eventually.waitUntil(() -> ((Number) shares(ana).get(0).get("files")).intValue() == 3,
                    () -> "ana's share was not indexed");

            PeerdeskProcess before = ben.cli(1, "ls", anaId, "docs");
            assertTrue(before.stderr().contains("no grant of read"), before.transcript());

            ana.cli(0, "grant", benId, "docs/reports", "read");
            assertEquals(List.of("docs"), ben.json("ls", anaId).get("shares"));
            assertEquals(List.of("reports"), names(ben.json("ls", anaId, "docs")));
            assertEquals(List.of("2026"), names(ben.json("ls", anaId, "docs/reports")));
            PeerdeskProcess notGranted = ben.cli(1, "get", anaId, "docs/big.bin", home.resolve("dl").toString());
            assertTrue(notGranted.transcript().contains("Not granted"), notGranted.transcript());

            ana.cli(0, "grant", benId, "docs", "read");
            Path downloads = home.resolve("dl");
            PeerdeskProcess got = ben.cli(0, "get", anaId, "docs", downloads.toString());
            assertTrue(got.stdout().contains("done"), got.transcript());
            assertArrayEquals(big, Files.readAllBytes(downloads.resolve("docs/big.bin")));
            assertEquals("third quarter", Files.readString(downloads.resolve("docs/reports/2026/q3.txt")));
            assertFalse(Files.exists(downloads.resolve("docs/draft.tmp")), "ignored files are not shared");
            assertFalse(Files.exists(downloads.resolve("docs/secret-link.txt")), "links are not shared");
            assertEquals("done", transfers(ben).get(0).get("state"));

            for (String bad : List.of("docs/../outside-secret.txt", "/etc/passwd", "docs/reports/../../x")) {
                PeerdeskProcess refused = ben.cli(1, "get", anaId, bad);
                assertTrue(refused.stderr().contains("does not stay inside") || refused.stderr().contains("absolute"),
                        refused.transcript());
            }
            PeerdeskProcess viaLink = ben.cli(1, "get", anaId, "docs/secret-link.txt", home.resolve("dl2").toString());
            assertTrue(viaLink.transcript().contains("no file 'secret-link.txt'") || viaLink.transcript().contains("failed"),
                    viaLink.transcript());
            assertFalse(Files.exists(home.resolve("dl2/secret-link.txt")));

            ana.cli(0, "share", "remove", "docs");
            assertTrue(Files.exists(docs.resolve("big.bin")), "removing a share keeps its files");
        }
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
}
