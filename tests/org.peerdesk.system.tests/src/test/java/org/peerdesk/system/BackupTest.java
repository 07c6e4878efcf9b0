package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup between four real node processes over TLS: A backs a folder up to B, C and D with two
 * copies; D loses its store and {@code backup verify} reports and repairs it; then A's data
 * directory is deleted, and a fresh node, given only the recovery phrase, finds the holders on the
 * local network and restores a byte-identical tree (content, names, modes, times).
 */
@Timeout(400)
class BackupTest {

    @TempDir
    Path home;

    @Test
    void aFreshNodeRestoresEverythingFromThePhraseAfterAHolderLostItsStore() throws Exception {
        Path folder = fill(Files.createDirectories(home.resolve("work/docs")));
        Map<String, String> original = describe(folder);
        String phrase;
        Path recoveryFile = home.resolve("kept-with-the-phrase/recovery.txt");
        Files.createDirectories(recoveryFile.getParent());
        String network = "239.192.73.44:" + (30000 + new Random().nextInt(20000));
        RunningNode b = new RunningNode(home.resolve("b"), network);
        RunningNode c = new RunningNode(home.resolve("c"), network);
        RunningNode d = new RunningNode(home.resolve("d"), network);
        try (b; c; d) {
            try (RunningNode a = new RunningNode(home.resolve("a"))) {
                String aId = a.id();
                Map<RunningNode, String> quotas = Map.of(b, "1g", c, "1GiB", d, "1 GB"); // as people write a size
                for (RunningNode holder : List.of(b, c, d)) {
                    a.cli(0, "connect", holder.cli(0, "invite").stdout().strip());
                }
                for (RunningNode holder : List.of(b, c)) {
                    holder.cli(0, "grant", aId, "backup", "store-backup", "--quota", quotas.get(holder));
                }
                assertTrue(a.cli(0, "send", b.id(), "the spare key is under the mat").stdout().startsWith("Delivered"));
                assertTrue(a.cli(1, "backup", "add", "docs", folder.toString(), "--to", b.id(), "--with", "diary").stderr()
                        .contains("Nothing installed here backs up 'diary'; what does: conversations (your conversations, as text), node (this"),
                        "a source not installed is refused, naming those that are");
                String added = a.cli(0, "backup", "add", "docs", folder.toString(), "--to", b.id(), c.id(), d.id(), "--copies", "2",
                        "--with", "conversations").stdout();
                String dShort = d.id().substring(0, 7);
                assertEquals(2, added.lines().filter(line -> line.endsWith(" stores for you: 1.0 GiB free of the 1.0 GiB it granted")).count(), added);
                assertTrue(added.lines().anyMatch(line -> line.endsWith(" refuses: no grant of store-backup on backup; ask for it with: peerdesk request "
                        + dShort + " backup store-backup")), "D is asked at once, not at the first run: " + added);
                d.cli(0, "grant", aId, "backup", "store-backup", "--quota", quotas.get(d));
                String asked = a.cli(0, "backup", "holders", "docs").stdout();
                assertEquals(3, asked.lines().filter(line -> line.endsWith(" stores for you: 1.0 GiB free of the 1.0 GiB it granted")).count(), asked);
                Map<String, Object> run = result(a.json("backup", "run", "docs"));
                assertEquals(0, ((Number) run.get("underCopied")).intValue(), run.toString());
                String holding = b.cli(0, "status").stdout();
                assertTrue(holding.matches("(?s).*\nHolding    for " + java.util.regex.Pattern.quote(a.json("id").get("name").toString())
                        + " [0-9.]+ [KM]iB of 1\\.0 GiB\n.*"), holding);
                String listed = a.cli(0, "backup", "list").stdout();
                assertTrue(listed.startsWith("docs  " + folder + " and the conversations\n") && listed.contains("with all 2 copies")
                        && listed.contains("recovery phrase is not written down")
                        && listed.contains("next run: when asked (backup run docs)") && listed.contains("copies checked: not yet"), listed);
                a.cliWithInput(0, "correct horse", "passphrase");
                PeerdeskProcess guarded = a.cliWithInput(1, "wrong horse", "recovery", "phrase");
                assertTrue(guarded.stderr().contains("not the passphrase of this node's key"), guarded.transcript());
                phrase = a.cliWithInput(0, "correct horse", "recovery", "phrase").stdout().lines()
                        .filter(line -> line.split(" ").length == 24).findFirst().orElseThrow();
                assertFalse(a.cli(0, "backup", "list").stdout().contains("recovery phrase is not written down"),
                        "shown with the advice to write it down, the phrase counts as noted");

                deleteTree(d.data.resolve("backup-store"));
                Map<String, Object> verified = result(a.json("backup", "verify", "docs"));
                assertTrue(((Number) verified.get("missing")).intValue() > 0, verified.toString());
                assertEquals(verified.get("missing"), verified.get("repaired"), verified.toString());
                assertEquals(true, result(a.json("backup", "verify", "docs")).get("healthy"));
                String checked = a.cli(0, "backup", "list").stdout();
                assertTrue(checked.contains("copies checked: just now\n"), "a verification is the set's check: " + checked);
                String status = a.cli(0, "status").stdout();
                assertTrue(status.contains("with all copies, proven just now"), status);
                String written = a.cli(0, "recovery", "file", recoveryFile.toString()).stdout();
                assertTrue(written.startsWith("Wrote the recovery file " + recoveryFile + ": "), written);

                // the machine is taken over: its files encrypted, then its backups pruned to the last snapshot, of those files
                Files.writeString(folder.resolve("readme.txt"), "your files are encrypted");
                result(a.json("backup", "run", "docs"));
                String pruned = a.cli(0, "backup", "prune", "docs", "--keep-last", "1").stdout();
                assertTrue(pruned.contains("'peerdesk backup undelete' brings it back"), pruned);
                assertEquals(1, ((List<?>) a.json("snapshots", "docs").get("snapshots")).size());
                // undone on the same machine while the holders keep it, then done again
                String undeleted = a.cli(0, "backup", "undelete").stdout();
                assertTrue(undeleted.startsWith("Brought back 1 snapshot from ") && undeleted.contains(": 'docs' of ")
                        && undeleted.contains("\nRestore one with: peerdesk restore docs "), undeleted);
                assertEquals(2, ((List<?>) a.json("snapshots", "docs").get("snapshots")).size());
                assertTrue(a.cli(0, "backup", "undelete").stdout().startsWith("Nothing came back: "));
                a.cli(0, "backup", "prune", "docs", "--keep-last", "1");
                assertEquals(1, ((List<?>) a.json("snapshots", "docs").get("snapshots")).size());
                String held = b.cli(0, "backup", "held").stdout();
                assertTrue(held.contains(" it deleted, kept in case a recovery needs it\n") && held.contains("\nWhat a peer deletes of its"
                        + " backups stays 7 days, out of its quota up to the quota's size: a recovery from its phrase in that time brings it back"), held);
            }
            deleteTree(home.resolve("a"));

            try (RunningNode fresh = new RunningNode(home.resolve("fresh"), network)) {
                Eventually.waitUntil(() -> ((List<?>) fresh.json("nearby").get("nearby")).size() == 3,
                        () -> "the holders answer a node they hear start with an announcement of their own, not at their next round",
                        Duration.ofSeconds(10));
                List<String> words = new ArrayList<>(List.of(phrase.split(" ")));
                String wrong = String.join(" ", words.subList(0, 23));
                PeerdeskProcess refused = fresh.cli(1, "recover", wrong);
                assertTrue(refused.stderr().contains("24 words"), refused.transcript());

                List<String> recover = new ArrayList<>(List.of("recover"));
                recover.addAll(words);
                Map<String, Object> recovered = result(fresh.json(recover.toArray(String[]::new)));
                assertEquals(List.of("docs"), recovered.get("sets"));
                assertEquals(List.of(2, 1), List.of(recovered.get("snapshots"), recovered.get("broughtBack")),
                        "the snapshot the taken-over machine pruned is back, and said to be");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> holders = (List<Map<String, Object>>) recovered.get("holders");
                assertEquals(3, holders.size(), recovered.toString());
                assertTrue(holders.stream().allMatch(holder -> "refuses".equals(holder.get("answer"))),
                        "they granted storage to the lost machine, not to this one: " + holders);
                assertEquals(Set.of(b.id(), c.id(), d.id()), Set.copyOf(fresh.peers().stream().map(peer -> peer.get("peerId")).toList()),
                        "the holders are known peers of the new node");
                String claimed = fresh.id().substring(0, 7) + " proved it has the recovery phrase of the backups held here for ";
                assertTrue(b.cli(0, "status").stdout().contains(claimed), "the holder's owner learns what the new node is");
                assertTrue(b.cli(0, "backup", "held").stdout().contains(claimed), b.cli(0, "backup", "held").stdout());

                @SuppressWarnings("unchecked")
                List<Map<String, Object>> snapshots = (List<Map<String, Object>>) fresh.json("snapshots", "docs").get("snapshots");
                assertEquals(2, snapshots.size(), "the pruned snapshot came back with the recovery: " + snapshots);
                String first = snapshots.stream().min(Comparator.comparing(snapshot -> snapshot.get("time").toString())).orElseThrow()
                        .get("id").toString();
                Path target = home.resolve("restored");
                fresh.cli(0, "restore", "docs", first, "--to", target.toString());
                assertEquals(original, describe(target.resolve("docs")), "the files as they were before the takeover");
                try (java.util.stream.Stream<Path> transcripts = Files.list(target.resolve("Peerdesk/conversations"))) {
                    Path transcript = transcripts.filter(file -> file.getFileName().toString().endsWith(".txt")).findFirst().orElseThrow();
                    assertTrue(Files.readString(transcript).contains("  you: the spare key is under the mat\n"),
                            "the conversation came back with the lost machine's backup, as text: " + Files.readString(transcript));
                }
            }
            try (RunningNode far = new RunningNode(home.resolve("far"))) { // hears no one: discovery is off
                List<String> recover = new ArrayList<>(List.of("recover"));
                recover.addAll(List.of(phrase.split(" ")));
                PeerdeskProcess alone = far.cli(1, recover.toArray(String[]::new));
                assertTrue(alone.stderr().contains("or give the recovery file, then try again."), alone.transcript());
                recover.addAll(List.of("--file", recoveryFile.toString()));
                Map<String, Object> recovered = result(far.json(recover.toArray(String[]::new)));
                assertEquals(List.of("docs"), recovered.get("sets"), "the file named the holders and where they were");
                assertEquals(3, ((List<?>) recovered.get("holders")).size(), recovered.toString());
            }
        }
    }

    @Test
    void aScheduledSetThatAHolderRefusedRunsAsSoonAsTheHolderApprovesTheRequestOrGrantsStorageUnasked() throws Exception {
        Path folder = fill(Files.createDirectories(home.resolve("work/docs")));
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            ana.cli(0, "connect", ben.cli(0, "invite").stdout().strip());
            ana.cli(0, "backup", "add", "docs", folder.toString(), "--to", ben.id(), "--copies", "1", "--every", "6h");
            PeerdeskProcess refused = ana.cli(1, "backup", "run", "docs");
            assertTrue(refused.stderr().contains("store-backup"), refused.transcript());
            @SuppressWarnings("unchecked")
            Map<String, Object> set = ((List<Map<String, Object>>) ana.json("backup", "list").get("sets")).get(0);
            assertTrue(Instant.parse((String) set.get("nextRun")).isBefore(Instant.now().plus(Duration.ofMinutes(61))),
                    "a failed run comes again within the hour, not in 6 hours: " + set);

            ana.cli(0, "request", ben.id(), "backup", "store-backup");
            Eventually.waitUntil(() -> ben.cli(0, "status").stdout().contains("1 access request "), () -> "ben never got the request");
            ben.cli(0, "approve", ana.id(), "--quota", "1g");
            Eventually.waitUntil(() -> !ana.cli(0, "snapshots", "docs").stdout().contains("No snapshots"),
                    () -> "the set did not run when ben approved");

            // ben ends the grant, and later gives storage again without being asked: ana hears of it all the same
            ben.cli(0, "revoke", ana.id(), "backup");
            Path notes = Files.createDirectories(home.resolve("work/notes"));
            Files.writeString(notes.resolve("monday.txt"), "call ben");
            ana.cli(0, "backup", "add", "notes", notes.toString(), "--to", ben.id(), "--copies", "1", "--every", "6h");
            ana.cli(1, "backup", "run", "notes");
            ben.cli(0, "grant", ana.id(), "backup", "store-backup");
            Eventually.waitUntil(() -> !ana.cli(0, "snapshots", "notes").stdout().contains("No snapshots"),
                    () -> "the set did not run when ben granted storage directly");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Map<String, Object> job) {
        return (Map<String, Object>) job.get("result");
    }

    private static Path fill(Path folder) throws IOException {
        Random random = new Random(42);
        Files.createDirectories(folder.resolve("reports/2026"));
        write(folder.resolve("archive.bin"), random, 5 << 20);
        for (int i = 0; i < 30; i++) {
            write(folder.resolve("reports/2026/week-" + i + ".txt"), random, 100 + random.nextInt(30_000));
        }
        write(folder.resolve("reports/run.sh"), random, 500);
        Files.setPosixFilePermissions(folder.resolve("reports/run.sh"), PosixFilePermissions.fromString("rwx------"));
        Files.write(folder.resolve("empty.txt"), new byte[0]);
        Files.setLastModifiedTime(folder.resolve("archive.bin"), FileTime.fromMillis(1_700_000_000_500L));
        Files.setLastModifiedTime(folder.resolve("reports/2026"), FileTime.fromMillis(1_690_000_000_000L));
        return folder;
    }

    private static void write(Path file, Random random, int size) throws IOException {
        byte[] content = new byte[size];
        random.nextBytes(content);
        Files.write(file, content);
    }

    /** Type, mode, time and content digest of every entry under {@code root}, by relative path. */
    private static Map<String, String> describe(Path root) throws Exception {
        Map<String, String> description = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String relative = root.relativize(path).toString();
                String content = Files.isDirectory(path) ? "folder"
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
                description.put(relative, content + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                        + (relative.isEmpty() ? "" : " " + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return description;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path path : all) {
                Files.delete(path);
            }
        }
    }
}
