package org.peerdesk.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of {@code ./peerdesk} as a separate process, with its output collected, so tests see
 * exactly what a user sees. The script execs the JVM, so this process's PID is the node's.
 */
final class PeerdeskProcess implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("peerdesk.root", "../..")).toAbsolutePath().normalize();

    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();

    private PeerdeskProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), stdout);
        collect(process.getErrorStream(), stderr);
    }

    static PeerdeskProcess start(List<String> arguments) throws IOException {
        return start(arguments, environment -> { });
    }

    static PeerdeskProcess start(List<String> arguments, Consumer<Map<String, String>> environment) throws IOException {
        return start(List.of(), arguments, environment);
    }

    /** Runs {@code ./peerdesk} under {@code wrapper}, a command that execs it (such as {@code ip netns exec NAME}). */
    static PeerdeskProcess start(List<String> wrapper, List<String> arguments, Consumer<Map<String, String>> environment) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(ROOT.resolve("peerdesk").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        // no LAN announcements from tests unless one asks for them (on loopback)
        builder.environment().put("PEERDESK_JAVA_OPTS", "-Dpeerdesk.discovery=off -Dpeerdesk.upnp=off");
        environment.accept(builder.environment());
        return new PeerdeskProcess(builder.start());
    }

    /**
     * Runs {@code ./peerdesk} on a terminal of its own (a pseudo-terminal that script(1) makes), as at
     * a user's shell: what is written to {@link #stdin()} is typed there, Ctrl+C included.
     */
    static PeerdeskProcess startOnTerminal(List<String> arguments) throws IOException {
        List<String> words = new ArrayList<>();
        words.add(ROOT.resolve("peerdesk").toString());
        words.addAll(arguments);
        String command = String.join(" ", words.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").toList());
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--return", "--command", command, "/dev/null")
                .directory(ROOT.toFile());
        builder.environment().put("PEERDESK_JAVA_OPTS", "-Dpeerdesk.discovery=off -Dpeerdesk.upnp=off");
        return new PeerdeskProcess(builder.start());
    }

    private static void collect(InputStream stream, StringBuffer into) {
        Thread reader = new Thread(() -> {
            // as it comes, not by lines: a prompt waits for its answer on the line it printed
            try (Reader text = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                char[] chunk = new char[8192];
                int read;
                while ((read = text.read(chunk)) >= 0) {
                    into.append(chunk, 0, read);
                }
            } catch (IOException e) {
                into.append("[output closed: ").append(e.getMessage()).append("]\n");
            }
        }, "peerdesk-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until stdout holds {@code text}; fails with everything the process said if it does not. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        await(stdout, text, timeout);
    }

    /** Waits until stderr holds {@code text}, as {@link #awaitOutput} waits for stdout. */
    void awaitErrorOutput(String text, Duration timeout) throws InterruptedException {
        await(stderr, text, timeout);
    }

    private void await(StringBuffer output, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.toString().contains(text)) {
            if (!process.isAlive()) {
                Thread.sleep(200); // let the readers drain what the process wrote last
                if (output.toString().contains(text)) {
                    return;
                }
                throw new AssertionError("The process ended (exit " + process.exitValue() + ") without printing '"
                        + text + "'.\n" + transcript());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No '" + text + "' after " + timeout.toSeconds() + " s.\n" + transcript());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Still running after " + timeout.toSeconds() + " s.\n" + transcript());
        }
        Thread.sleep(100);
        return process.exitValue();
    }

    /** What the process reads as its standard input. */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Sends SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL. */
    void kill() {
        process.destroyForcibly();
    }

    long pid() {
        return process.pid();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    String transcript() {
        return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
