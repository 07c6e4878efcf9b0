package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerdesk.system.RunningNode.RUNNING;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.FileTrees;

/** The headless node as a user runs it: {@code ./peerdesk node --data DIR}, in real processes. */
@Timeout(180)
class NodeLifecycleTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Path NODE_PRODUCT = Path.of("peerdesk.node/linux/gtk/x86_64/peerdesk-node");
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path home;

    @Test
    void aSecondNodeOnTheSameDataIsRefusedAndSigtermStopsTheFirstCleanly() throws Exception {
        Path data = home.resolve("node");
        try (PeerdeskProcess first = PeerdeskProcess.start(List.of("node", "--data", data.toString()))) {
            first.awaitOutput(RUNNING, START);
            assertTrue(first.stdout().contains("data directory: " + data), first.transcript());
            assertTrue(first.stdout().matches("(?s).*peer ID: +([A-Z2-7]{7}-){7}[A-Z2-7]{7}\\n.*"), first.transcript());
            assertTrue(first.stdout().contains("(a default; change it: peerdesk --data " + data + " name NEW-NAME)"), first.transcript());
            assertTrue(first.stdout().contains("needs you:      1 thing (peerdesk --data " + data + " status)"), first.transcript());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            assertFalse(first.transcript().contains("was open to others"), "a directory made new is never open:\n" + first.transcript());

            try (PeerdeskProcess second = PeerdeskProcess.start(List.of("node", "--data", data.toString()))) {
                assertEquals(2, second.exitCode(START), second.transcript());
                assertTrue(second.stderr().contains("is in use by another Peerdesk node (process " + first.pid() + ")"),
                        second.transcript());
            }

            long stopping = System.nanoTime();
            first.terminate();
            assertEquals(0, first.exitCode(Duration.ofSeconds(10)), first.transcript());
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
            assertTrue(stopped.compareTo(Duration.ofSeconds(10)) < 0, "stopped in " + stopped);
        }
        String log = Files.readString(data.resolve("logs/peerdesk.0.log"));
        assertTrue(log.contains("Received SIGTERM") && log.contains("Database closed"), log);

        runAndStop(data);
        String secondLog = Files.readString(data.resolve("logs/peerdesk.0.log"));
        assertTrue(!secondLog.contains("ended without a clean stop"), "both runs stopped cleanly:\n" + secondLog);
    }

    /**
     * A node and its CLI started where the locale is plain C (a service, cron, a bare container) still keep
     * names that are not ASCII: Java would otherwise read arguments and file names, and write output, as ASCII.
     */
    @Test
    void inAPlainCLocaleNamesThatAreNotAsciiSurvive() throws Exception {
        Path data = home.resolve("node");
        Path folder = Files.createDirectories(home.resolve("café"));
        Files.writeString(folder.resolve("menú ☕.txt"), "espresso");
        Consumer<Map<String, String>> plainC = environment -> {
            environment.keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
            environment.put("LC_ALL", "C");
        };
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (PeerdeskProcess node = PeerdeskProcess.start(List.of("node", "--data", data.toString(), "--listen", "127.0.0.1:" + port),
                plainC)) {
            node.awaitOutput(RUNNING, START);
            assertEquals("This node is now called Zoë.", cli(plainC, data, "name", "Zoë").strip());
            assertTrue(cli(plainC, data, "id", "--json").contains("\"name\":\"Zoë\""));
            cli(plainC, data, "share", "add", "café", folder.toString());
            Eventually.waitUntil(() -> cli(plainC, data, "share", "list").matches("SHARE +FILES +SIZE +WHO HAS ACCESS +FOLDER\\ncafé +1 file +\\S+ B +nobody yet +/\\S*/café\\n"),
                    () -> "the share with its one file is not listed under its name");
            node.terminate();
            assertEquals(0, node.exitCode(Duration.ofSeconds(10)), node.transcript());
        }
    }

    private static String cli(Consumer<Map<String, String>> environment, Path data, String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--data", data.toString()));
        arguments.addAll(List.of(command));
        try (PeerdeskProcess cli = PeerdeskProcess.start(arguments, environment)) {
            assertEquals(0, cli.exitCode(START), cli.transcript());
            return cli.stdout();
        }
    }

    @Test
    void aNodeKilledWithSigkillRestartsOnItsDataAndSaysTheLastRunCrashed() throws Exception {
        Path data = home.resolve("node");
        try (PeerdeskProcess first = PeerdeskProcess.start(List.of("node", "--data", data.toString()))) {
            first.awaitOutput(RUNNING, START);
            first.kill();
            first.exitCode(Duration.ofSeconds(10));
        }
        runAndStop(data);
        String log = Files.readString(data.resolve("logs/peerdesk.0.log"));
        assertTrue(log.contains("ended without a clean stop"), log);
    }

    @Test
    void aDamagedApiKeyIsReplacedButADamagedDatabaseIsRefusedSayingWhatToDoAndLeftAsItWas() throws Exception {
        Path data = home.resolve("node");
        runAndStop(data);
        Files.write(data.resolve("admin-api.key"), new byte[] {'k', (byte) 0xff, 0, '\n'});
        FileTrees.delete(data.resolve("plugins"));
        Files.writeString(data.resolve("plugins"), "a file where the plugin folder belongs");
        try (PeerdeskProcess second = PeerdeskProcess.start(List.of("node", "--data", data.toString()))) {
            second.awaitOutput(RUNNING, START);
            try (PeerdeskProcess id = PeerdeskProcess.start(List.of("id", "--data", data.toString()))) {
                assertEquals(0, id.exitCode(START), "a new key serves the CLI: " + id.transcript());
            }
            String unreadable = "he plugin folder " + data.resolve("plugins") + " cannot be read (it is a file, not a folder), so no plugin runs;"
                    + " restart the node once it can be";
            try (PeerdeskProcess plugins = PeerdeskProcess.start(List.of("plugins", "--data", data.toString()));
                    PeerdeskProcess status = PeerdeskProcess.start(List.of("status", "--data", data.toString()))) {
                assertEquals(0, plugins.exitCode(START), plugins.transcript());
                assertEquals("T" + unreadable + ".\n", plugins.stdout(), "not 'no plugins, put them there'");
                assertEquals(0, status.exitCode(START), status.transcript());
                assertTrue(status.stdout().contains("\n  - t" + unreadable + " (peerdesk plugins)\n"), status.transcript());
            }
            second.terminate();
            assertEquals(0, second.exitCode(Duration.ofSeconds(10)), second.transcript());
        }
        assertTrue(Files.readString(data.resolve("admin-api.key")).matches("[0-9a-f]{64}\\n"), "the key file was made again");

        Path database = data.resolve("db/peerdesk.mv.db");
        byte[] damaged = Files.readAllBytes(database);
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        // both copies of the store's header: damage in the middle of the file may fall on space no chunk uses
        System.arraycopy(noise, 0, damaged, 0, Math.min(noise.length, damaged.length));
        Files.write(database, damaged);

        try (PeerdeskProcess again = PeerdeskProcess.start(List.of("node", "--data", data.toString()))) {
            assertEquals(2, again.exitCode(START), again.transcript());
            String said = again.stderr();
            assertTrue(said.contains("The database in " + data.resolve("db") + " cannot be opened: File corrupted")
                    && said.contains("move the db folder aside and restore it from a backup"), again.transcript());
            assertEquals(1, said.split("cannot be opened", -1).length - 1, "said once: " + said);
        }
        assertArrayEquals(damaged, Files.readAllBytes(database), "the damaged file is as it was, for whoever repairs it");
    }

    /** Starts a node on {@code data} and stops it cleanly, as a user's run of it does. */
    private static void runAndStop(Path data) throws Exception {
        try (PeerdeskProcess node = PeerdeskProcess.start(List.of("node", "--data", data.toString()))) {
            node.awaitOutput(RUNNING, START);
            node.terminate();
            assertEquals(0, node.exitCode(Duration.ofSeconds(10)), node.transcript());
        }
    }

    @Test
    void aFolderWithOtherFilesIsRefusedAndLeftAlone() throws Exception {
        Path folder = Files.createDirectories(home.resolve("documents"));
        Path letter = Files.writeString(folder.resolve("letter.txt"), "Dear team");
        try (PeerdeskProcess node = PeerdeskProcess.start(List.of("node", "--data", folder.toString()))) {
            assertEquals(2, node.exitCode(START), node.transcript());
            assertTrue(node.stderr().contains("already holds files that Peerdesk did not write"), node.transcript());
        }
        assertEquals("Dear team", Files.readString(letter));
        assertEquals(List.of("letter.txt"), Files.list(folder).map(p -> p.getFileName().toString())
                .filter(name -> !name.equals("runtime")).toList());
    }

    @Test
    void theDesktopCommandWithoutADisplaySaysSoAndRunsTheNode() throws Exception {
        Path data = home.resolve("node");
        try (PeerdeskProcess app = PeerdeskProcess.start(List.of("--data", data.toString()), environment -> {
            environment.remove("DISPLAY");
            environment.remove("WAYLAND_DISPLAY");
        })) {
            app.awaitOutput(RUNNING, START);
            assertTrue(app.stderr().contains("no display found") && app.stderr().contains("./peerdesk node"),
                    app.transcript());
            app.terminate();
            assertEquals(0, app.exitCode(Duration.ofSeconds(10)), app.transcript());
        }
    }

    /** After a git pull, say: the build still runs, and the launcher says what would run the change. */
    @Test
    void aNodeStartedFromABuildOlderThanItsSourcesSaysHowToRunTheChange() throws Exception {
        Path products = copyOfTheNodeProduct();
        Files.setLastModifiedTime(products.resolve(NODE_PRODUCT).resolve("configuration/config.ini"), LONG_AGO);
        try (PeerdeskProcess old = PeerdeskProcess.start(List.of("node", "--data", home.resolve("n").toString()),
                environment -> environment.put("PEERDESK_PRODUCTS", products.toString()))) {
            old.awaitOutput(RUNNING, START);
            assertTrue(old.stderr().contains(" changed after this build, which runs as it was; to run the change, stop Peerdesk's"
                    + " running nodes, then: " + PeerdeskProcess.ROOT.resolve("peerdesk") + " build"), old.transcript());
            old.terminate();
            assertEquals(0, old.exitCode(Duration.ofSeconds(10)), old.transcript());
        }
    }

    /**
     * From Java 25 on, the launcher keeps a start-up cache beside the build: the first command records what it
     * loads, the next writes the cache in the background, the rest start from it, and a build newer than the
     * cache has it recorded again. None of that may show in what a command says.
     */
    @Test
    void commandsSayTheSameWhileTheirStartUpCacheIsRecordedWrittenAndUsed() throws Exception {
        Path products = copyOfTheNodeProduct();
        Path caches = products.resolve(NODE_PRODUCT).resolve("aot");
        Path data = home.resolve("node");
        try (PeerdeskProcess node = PeerdeskProcess.start(List.of("node", "--data", data.toString()))) {
            node.awaitOutput(RUNNING, START);
            String expected = idWithCache(data, products, "off");
            assertEquals(expected, idWithCache(data, products, "on"), "recording");
            if (Runtime.version().feature() < 25) {
                assertTrue(!Files.exists(caches), "no cache before Java 25");
                return;
            }
            assertEquals(List.of(".aotconf"), cacheFiles(caches), "recorded");
            assertEquals(expected, idWithCache(data, products, "on"), "writing the cache");
            Eventually.waitUntil(() -> cacheFiles(caches).equals(List.of(".aot")), () -> "the cache is written");
            assertEquals(expected, idWithCache(data, products, "on"), "with the cache");

            try (Stream<Path> files = Files.list(caches)) {
                Files.setLastModifiedTime(files.filter(file -> file.toString().endsWith(".aot")).findFirst().orElseThrow(), LONG_AGO);
            }
            assertEquals(expected, idWithCache(data, products, "on"), "recording again");
            assertEquals(List.of(".aotconf"), cacheFiles(caches), "a cache older than the build is recorded again");
            node.terminate();
            assertEquals(0, node.exitCode(Duration.ofSeconds(10)), node.transcript());
        }
    }

    /** {@code ./peerdesk id --json} from {@code products}, with PEERDESK_AOT set to {@code aot}: its output, when it says nothing else. */
    private static String idWithCache(Path data, Path products, String aot) throws Exception {
        try (PeerdeskProcess id = PeerdeskProcess.start(List.of("id", "--json", "--data", data.toString()), environment -> {
            environment.put("PEERDESK_PRODUCTS", products.toString());
            environment.put("PEERDESK_AOT", aot);
        })) {
            assertEquals(0, id.exitCode(START), id.transcript());
            assertEquals("", id.stderr(), id.transcript());
            return id.stdout();
        }
    }

    /** The kinds of file the command line's caches have (lock files aside), as ".aot" or ".aotconf". */
    private static List<String> cacheFiles(Path caches) throws Exception {
        try (Stream<Path> files = Files.list(caches)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("cli-") && !name.endsWith(".lock"))
                    .map(name -> name.substring(name.lastIndexOf('.'))).sorted().toList();
        }
    }

    /** A copy of the built node product, without its start-up caches, for a launcher to run from (PEERDESK_PRODUCTS). */
    private Path copyOfTheNodeProduct() throws Exception {
        Path built = PeerdeskProcess.ROOT.resolve("releng/org.peerdesk.product/target/products").resolve(NODE_PRODUCT);
        Path copy = home.resolve("products").resolve(NODE_PRODUCT);
        Files.createDirectories(copy.getParent());
        try (Stream<Path> files = Files.walk(built)) {
            for (Path file : (Iterable<Path>) files.filter(file -> !built.relativize(file).startsWith("aot"))::iterator) {
                Files.copy(file, copy.resolve(built.relativize(file).toString()));
            }
        }
        return home.resolve("products");
    }

    @Test
    void withoutJava21TheLauncherSaysWhatToInstall() throws Exception {
        Path noJdks = Files.createDirectories(home.resolve("no-jdks"));
        try (PeerdeskProcess node = PeerdeskProcess.start(List.of("node", "--data", home.resolve("n").toString()),
                environment -> {
                    environment.remove("JAVA_HOME");
                    environment.put("PEERDESK_JVM_DIRS", noJdks.toString());
                    environment.put("PATH", noJdks.toString() + ":/bin");
                })) {
            assertEquals(1, node.exitCode(Duration.ofSeconds(30)), node.transcript());
            assertTrue(node.stderr().contains("needs Java 21 or newer") && node.stderr().contains("Install one"),
                    node.transcript());
        }
        assertTrue(!Files.exists(home.resolve("n")), "nothing was created");
    }

    @Test
    void aBadOrBusyListenAddressIsRefusedSayingSo() throws Exception {
        try (PeerdeskProcess node = PeerdeskProcess.start(List.of("node", "--data", home.resolve("a").toString(),
                "--listen", "127.0.0.1:"))) {
            assertEquals(2, node.exitCode(START), node.transcript());
            assertTrue(node.stderr().contains("--listen: '127.0.0.1:' is not an address"), node.transcript());
        }
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                PeerdeskProcess node = PeerdeskProcess.start(List.of("node", "--data", home.resolve("b").toString(),
                        "--listen", "127.0.0.1:" + busy.getLocalPort()))) {
            assertEquals(2, node.exitCode(START), node.transcript());
            assertTrue(node.stderr().contains("the port is in use"), node.transcript());
        }
    }

    @Test
    void unknownCommandsAndOptionsAreExplained() throws Exception {
        // a word could be a plugin's command, which only a running node knows
        try (PeerdeskProcess wrong = PeerdeskProcess.start(List.of("nodes", "--data", home.resolve("none").toString()))) {
            assertEquals(64, wrong.exitCode(Duration.ofSeconds(30)));
            assertTrue(wrong.stderr().contains("unknown command 'nodes'. See './peerdesk help'. (Plugins add commands while their node"
                    + " runs, and none runs on " + home.resolve("none") + ".)"), wrong.transcript());
        }
        try (PeerdeskProcess wrong = PeerdeskProcess.start(List.of("Nodes!"))) {
            assertEquals(1, wrong.exitCode(Duration.ofSeconds(30)));
            assertTrue(wrong.stderr().contains("Unknown command 'Nodes!'"), wrong.transcript());
        }
        try (PeerdeskProcess wrong = PeerdeskProcess.start(List.of("node", "--dta", "x"))) {
            assertEquals(1, wrong.exitCode(Duration.ofSeconds(30)));
            assertTrue(wrong.stderr().contains("Unknown option '--dta'"), wrong.transcript());
        }
    }
}
