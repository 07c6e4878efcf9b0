package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.jr.ob.JSON;

/** A headless node process on its own data directory and loopback port, driven through the CLI. */
final class RunningNode implements AutoCloseable {

    /** What a node prints once it runs. */
    static final String RUNNING = "Stop it with Ctrl+C.";
    private static final Duration START = Duration.ofSeconds(60);

    final Path data;
    private final String discovery;
    private final List<String> wrapper;
    private final String host;
    private final String router;
    private int port;
    private PeerdeskProcess process;
    /** What the node is given in PEERDESK_PASSPHRASE, as systemd gives it; none unless a test says so. */
    private String passphrase;

    /** A node that announces itself and listens for announcements on {@code discoveryGroup} (or "off"). */
    RunningNode(Path data, String discoveryGroup) throws Exception {
        this(data, discoveryGroup, List.of(), "127.0.0.1", "off");
    }

    RunningNode(Path data) throws Exception {
        this(data, "off");
    }

    /**
     * A node that listens on {@code host}, it and its commands run under {@code wrapper} (such as {@code ip netns exec
     * NAME}, for a node on a network of its own). Its admin API is then reached through its commands only.
     */
    RunningNode(Path data, List<String> wrapper, String host) throws Exception {
        this(data, wrapper, host, "off");
    }

    /** As {@link #RunningNode(Path, List, String)}, asking the router at {@code router} (HOST:PORT, or "off") to forward a port. */
    RunningNode(Path data, List<String> wrapper, String host, String router) throws Exception {
        this(data, "off", wrapper, host, router);
    }

    private RunningNode(Path data, String discoveryGroup, List<String> wrapper, String host, String router) throws Exception {
        this(data, discoveryGroup, wrapper, host, router, null);
    }

    /** A node whose key {@code passphrase} opens (in PEERDESK_PASSPHRASE). */
    static RunningNode unlockedWith(Path data, String passphrase) throws Exception {
        return new RunningNode(data, "off", List.of(), "127.0.0.1", "off", passphrase);
    }

    private RunningNode(Path data, String discoveryGroup, List<String> wrapper, String host, String router, String passphrase)
            throws Exception {
        this.passphrase = passphrase;
        this.data = data;
        this.discovery = discoveryGroup;
        this.wrapper = wrapper;
        this.host = host;
        this.router = router;
        this.port = freePort();
        start();
    }

    void start() throws Exception {
        process = PeerdeskProcess.start(wrapper, List.of("node", "--data", data.toString(), "--listen", host + ":" + port),
                environment -> {
                    environment.put("PEERDESK_JAVA_OPTS", "-Dpeerdesk.discovery=" + discovery + " -Dpeerdesk.upnp=" + router);
                    if (passphrase != null) {
                        environment.put("PEERDESK_PASSPHRASE", passphrase);
                    }
                });
        process.awaitOutput(RUNNING, START);
    }

    /** Stops the node cleanly and starts it again listening on another port, as after moving networks. */
    void moveToAnotherPort() throws Exception {
        stop();
        startOnAnotherPort();
    }

    /** Starts the stopped node listening on another port, as after moving networks. */
    void startOnAnotherPort() throws Exception {
        port = freePort();
        start();
    }

    /** Stops the node cleanly and starts it again, listening on {@link #address()}. */
    void restart() throws Exception {
        stop();
        start();
    }

    /** Stops the node cleanly and starts it again, its key opened with {@code given} (in PEERDESK_PASSPHRASE). */
    void restartWithPassphrase(String given) throws Exception {
        stop();
        passphrase = given;
        start();
    }

    /** Stops the node cleanly. */
    void stop() throws Exception {
        process.terminate();
        assertEquals(0, process.exitCode(Duration.ofSeconds(10)), process.transcript());
    }

    void kill() throws InterruptedException {
        process.kill();
        process.exitCode(Duration.ofSeconds(10));
    }

    long pid() {
        return process.pid();
    }

    String address() {
        return host + ":" + port;
    }

    int port() {
        return port;
    }

    /** Runs {@code ./peerdesk COMMAND ... --data DIR} and returns its transcript; fails unless it exits with {@code expectedExit}. */
    PeerdeskProcess cli(int expectedExit, String... command) throws Exception {
        return cliWithInput(expectedExit, null, command);
    }

    /**
     * What {@code peerdesk messages ...} or {@code peerdesk search ...} prints, without the handle ("1a2b3c4d  ") that begins
     * the line of each message: what the tests of a message's text and state read.
     */
    String messageLines(String... command) throws Exception {
        return cli(0, command).stdout().replaceAll("(?m)^[0-9a-f]{8}  ", "");
    }

    /** As {@link #cli}, with {@code input} (a password, say) written to its standard input first. */
    PeerdeskProcess cliWithInput(int expectedExit, String input, String... command) throws Exception {
        try (PeerdeskProcess cli = startCli(command)) {
            return finish(cli, expectedExit, input);
        }
    }

    /**
     * Starts {@code ./peerdesk COMMAND ... --data DIR} without waiting for it: a command that reads its
     * standard input first then waits there, already started, until {@link #finish} gives it the input.
     * For steps whose timing matters more than a JVM's start-up.
     */
    PeerdeskProcess startCli(String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(List.of("--data", data.toString()));
        return PeerdeskProcess.start(wrapper, arguments, environment -> { });
    }

    /** Writes {@code input} (if any) to a started command and fails unless it exits with {@code expectedExit}. */
    static PeerdeskProcess finish(PeerdeskProcess cli, int expectedExit, String input) throws Exception {
        if (input != null) {
            try (java.io.OutputStream stdin = cli.stdin()) {
                stdin.write((input + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertEquals(expectedExit, cli.exitCode(Duration.ofSeconds(60)), cli.transcript());
        return cli;
    }

    Map<String, Object> json(String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.add("--json");
        return JSON.std.mapFrom(cli(0, arguments.toArray(String[]::new)).stdout());
    }

    /**
     * Posts {@code body} to the node's admin API and returns its answer, as the CLI would but without
     * a JVM's start: for measures that compare with another tool's REST call.
     */
    Map<String, Object> post(String path, Map<String, Object> body) throws Exception {
        String json = JSON.std.asString(body);
        return call(path, request -> request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Gets {@code path} from the node's admin API, as {@link #post} posts. */
    Map<String, Object> get(String path) throws Exception {
        return call(path, request -> request);
    }

    private Map<String, Object> call(String path, UnaryOperator<HttpRequest.Builder> method) throws Exception {
        Properties api = api();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                method.apply(HttpRequest.newBuilder(URI.create(api.getProperty("url") + path)).header("X-API-Key", api.getProperty("key"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.std.mapFrom(answer.body());
    }

    /** Where the node's admin API listens ({@code url}) and its key ({@code key}), as the node wrote them down. */
    Properties api() throws IOException {
        Properties api = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("admin-api.properties"))) {
            api.load(in);
        }
        return api;
    }

    String id() throws Exception {
        return (String) json("id").get("peerId");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> peers() throws Exception {
        return (List<Map<String, Object>>) json("peers").get("peers");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> plugins() throws Exception {
        return (List<Map<String, Object>>) json("plugins").get("plugins");
    }

    /**
     * A port free now, below the range the kernel hands out to outgoing connections (32768 and up here): a node
     * killed and started again on its port must not find it taken by another node's connection meanwhile.
     */
    private static int freePort() throws IOException {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another test's node, or anything else: try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    /** Stops the node with SIGTERM and waits for its clean exit (SIGKILL only if it does not come). */
    @Override
    public void close() throws InterruptedException {
        process.terminate();
        try {
            process.exitCode(Duration.ofSeconds(15));
        } finally {
            process.close();
        }
    }
}
