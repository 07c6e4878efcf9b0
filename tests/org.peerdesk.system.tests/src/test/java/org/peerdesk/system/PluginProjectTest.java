package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a third party starts a plugin: {@code ./peerdesk new-plugin} writes a project outside Peerdesk's sources, Maven
 * builds it there against the SDK repository that Peerdesk's build wrote and runs its unit tests, and the bundle it
 * makes (a command and a desktop view) runs in a real headless node, whose command answers with the node's real peers. IDs that cannot make a plugin, and
 * folders that hold something already, are refused with nothing written.
 */
@Timeout(600)
class PluginProjectTest {

    @TempDir
    Path home;

    @Test
    void aNewPluginProjectBuildsAgainstTheSdkAndItsCommandRunsOnANode() throws Exception {
        Path project = home.resolve("weather");
        PeerdeskProcess written = run(0, "new-plugin", "com.example.weather", project.toString());
        assertTrue(written.stdout().startsWith("Wrote the plugin com.example.weather to " + project + ".\n"), written.transcript());
        assertTrue(written.stdout().contains("\nand run its command:      ./peerdesk weather\n"), written.transcript());

        build(project);
        assertTrue(Files.readString(project.resolve("target/surefire-reports/com.example.weather.PeersSummaryTest.txt"))
                .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), "the project's unit tests ran");

        Path jar = project.resolve("target/com.example.weather-1.0.0-SNAPSHOT.jar");
        try (FileSystem bundle = FileSystems.newFileSystem(jar)) {
            assertTrue(Files.isRegularFile(bundle.getPath("fragment.e4xmi")) && Files.isRegularFile(bundle.getPath("com/example/weather/PeersPart.class")),
                    "the desktop's view goes into the bundle, beside the command");
            assertTrue(Files.readString(bundle.getPath("META-INF/MANIFEST.MF")).contains("Model-Fragment: fragment.e4xmi"));
        }

        try (RunningNode ana = new RunningNode(home.resolve("ana"));
                RunningNode ben = new RunningNode(home.resolve("ben"))) {
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            Files.copy(jar, ana.data.resolve("plugins/weather.jar"));
            Eventually.waitUntil(() -> PluginTest.runs(ana, "weather.jar"), () -> "the new plugin runs once its file is in place,"
                    + " on a node without the desktop its view needs");

            String benName = String.valueOf(ben.json("id").get("name"));
            Eventually.waitUntil(() -> ana.cli(0, "weather").stdout().equals(
                    "Hello from the plugin com.example.weather. This node knows 1 peer; 1 is online now: " + benName + ".\n"),
                    () -> "the plugin's command says which peers the node knows and which are online");
            assertEquals(Map.of("known", 1, "online", List.of(benName)), ana.json("weather").get("data"));
            assertTrue(ana.cli(0, "plugins").stdout().contains(
                    "\nweather  say which peers this node knows and which of them are online  com.example.weather\n"));
        }
    }

    @Test
    void idsThatCannotMakeAPluginAndFoldersInUseAreRefusedWithNothingWritten() throws Exception {
        Path folder = home.resolve("plugin");
        assertRefused("'Weather' is not a bundle ID: use two or more lower-case words joined by dots", "Weather", folder);
        assertRefused("'weather' is not a bundle ID", "weather", folder);
        assertRefused("'com.example.new' cannot be a Java package: 'new' is a word of Java's own.", "com.example.new", folder);
        assertRefused("The plugin's command is the last word of its ID, and 'status' is one of Peerdesk's own."
                + " Choose an ID that ends in another word, such as com.example.statustool.", "com.example.status", folder);
        assertFalse(Files.exists(folder), "nothing was written for an ID refused");

        Path used = Files.createDirectories(home.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        assertRefused(used + " is there already and not an empty folder; nothing was written.", "com.example.weather", used);
        try (var files = Files.list(used)) {
            assertEquals(List.of(used.resolve("notes.txt")), files.toList());
        }
        assertEquals("mine", Files.readString(used.resolve("notes.txt")));
    }

    private static void assertRefused(String message, String id, Path folder) throws Exception {
        PeerdeskProcess refused = run(1, "new-plugin", id, folder.toString());
        assertTrue(refused.stderr().contains("peerdesk: " + message), refused.transcript());
    }

    private static PeerdeskProcess run(int expectedExit, String... arguments) throws Exception {
        try (PeerdeskProcess process = PeerdeskProcess.start(List.of(arguments))) {
            assertEquals(expectedExit, process.exitCode(Duration.ofSeconds(60)), process.transcript());
            return process;
        }
    }

    /** Builds the project as its README says, with the Maven wrapper it holds, under the Java that runs this test. */
    private void build(Path project) throws Exception {
        Path log = home.resolve("build.log");
        ProcessBuilder maven = new ProcessBuilder(project.resolve("mvnw").toString(), "-B", "verify").directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the project is a build of its own: nothing of the Maven that runs this test may reach it
        maven.environment().keySet().removeIf(name -> name.startsWith("MAVEN_"));
        maven.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process build = maven.start();
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("The plugin's build took over five minutes:\n" + Files.readString(log));
        }
        assertEquals(0, build.exitValue(), Files.readString(log));
    }
}
