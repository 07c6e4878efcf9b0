package org.peerdesk.app.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.peerdesk.core.PeerId;

/**
 * Another peer for the desktop under test: a headless node in a process of its own, started from the same bundles
 * as this test's runtime (its OSGi configuration, with the node's application), on loopback, driven through its
 * admin API. Closing it stops the process as Ctrl+C would.
 */
final class PeerProcess implements AutoCloseable {

    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 20;
    private static final String READY = "Stop it with Ctrl+C.";
    private static final int LINES_KEPT = 80;
    /** The ends of the logs of the peer nodes stopped since {@link #forgetLogs()}, kept for a failed test to print. */
    private static final List<String> STOPPED_LOGS = new CopyOnWriteArrayList<>();

    final PeerId id;
    final int port;
    private final Process process;
    private final Path data;
    private final Path apiFile;
    private final Properties api = new Properties();
    private final HttpClient http = HttpClient.newHttpClient();

    private PeerProcess(Process process, PeerId id, int port, Path data) throws IOException {
        this.process = process;
        this.id = id;
        this.port = port;
        this.data = data;
        this.apiFile = data.resolve("admin-api.properties");
        try (Reader reader = Files.newBufferedReader(apiFile)) {
            api.load(reader);
        }
    }

    static PeerProcess start(Path data) throws Exception {
        return start(data, freePort());
    }

    /** Starts the node on {@code data} listening on {@code port}: again where it was, after {@link #close}. */
    static PeerProcess start(Path data, int port) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(PeerProcess.class).getBundleContext();
        Path errors = errorsOf(data);
        Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dosgi.compatibility.bootdelegation=true", // as the product's launcher has it: javax.* from the JDK
                "-Dosgi.sharedConfiguration.area=" + context.getProperty("osgi.configuration.area"),
                "-Dosgi.configuration.cascaded=true",
                "-Dpeerdesk.data=" + data,
                "-Dpeerdesk.listen=127.0.0.1:" + port,
                "-Dpeerdesk.discovery=off",
                "-Dpeerdesk.upnp=off",
                "-jar", Path.of(URI.create(context.getProperty("osgi.framework"))).toString(),
                "-configuration", data.resolve("runtime/configuration").toString(),
                "-data", data.resolve("runtime/workspace").toString(),
                "-application", "org.peerdesk.node.node"))
                .redirectError(errors.toFile())
                .start();
        try {
            PeerId id = awaitReady(process);
            return new PeerProcess(process, id, port, data);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("The peer node did not start (" + e + "); it said: " + Files.readString(errors)
                    + lastLines(data.resolve("logs/peerdesk.0.log"), 20), e);
        }
    }

    /** Reads the node's greeting for its peer ID, until it says it is running. */
    private static PeerId awaitReady(Process process) throws Exception {
        CompletableFuture<PeerId> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                PeerId id = null;
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.strip().startsWith("peer ID:")) {
                        id = PeerId.parse(line.substring(line.indexOf(':') + 1).strip());
                    } else if (line.equals(READY) && id != null) {
                        return id;
                    }
                }
                throw new IllegalStateException("it exited with " + process.waitFor());
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        return ready.get(START_SECONDS, TimeUnit.SECONDS);
    }

    /** Posts {@code json} to an endpoint of the admin API and returns the answer, which must be a success. */
    String post(String endpoint, String json) throws Exception {
        return call(endpoint, request -> request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A new invite of this node's. */
    String inviteCode() throws Exception {
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(post("/api/v1/invites", "{}"));
        if (!code.find()) {
            throw new AssertionError("no invite code in the answer");
        }
        return code.group(1);
    }

    /** Reads an endpoint of the admin API; the answer must be a success. */
    String get(String endpoint) throws Exception {
        return call(endpoint, HttpRequest.Builder::GET);
    }

    private String call(String endpoint, java.util.function.UnaryOperator<HttpRequest.Builder> method) throws Exception {
        HttpResponse<String> answer = http.send(method.apply(HttpRequest.newBuilder(URI.create(api.getProperty("url") + endpoint))
                .header("X-API-Key", api.getProperty("key"))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError(endpoint + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    /**
     * Stops the node as Ctrl+C would and waits until it has (its admin API's file goes at a clean stop). The
     * framework's own main, unlike the product's launcher, then leaves the JVM running: that is ended by force.
     */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
            while (Files.exists(apiFile) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            process.destroyForcibly().waitFor();
        }
        STOPPED_LOGS.add("--- the end of the log of the peer node on " + data + " ---\n" + lastLines(data.resolve("logs/peerdesk.0.log"), LINES_KEPT)
                + "\n--- its standard error ---\n" + lastLines(errorsOf(data), LINES_KEPT));
    }

    /**
     * The ends of the logs of the peer nodes stopped since {@link #forgetLogs()}: they go with the test's temporary folder,
     * and a failed test prints them ({@link PeerLogsOnFailure}).
     */
    static List<String> stoppedLogs() {
        return List.copyOf(STOPPED_LOGS);
    }

    static void forgetLogs() {
        STOPPED_LOGS.clear();
    }

    /** Where the node's standard error goes: beside its data directory, as the node takes only a directory of its own. */
    private static Path errorsOf(Path data) {
        return data.resolveSibling(data.getFileName() + "-stderr.txt");
    }

    private static String lastLines(Path log, int count) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
