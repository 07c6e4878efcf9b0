package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the commands that make test networks (iproute2, nftables), which take root. */
final class NetworkCommands {

    private NetworkCommands() {
    }

    /** Test networks could not be made: in CI, which runs as root, the test fails; elsewhere it is skipped, saying why. */
    static void cannotMake(String why) {
        assertNull(System.getenv("PEERDESK_CI"), "CI must be able to make network namespaces (it runs as root): " + why);
        assumeTrue(false, "network namespaces cannot be made here (" + why + "): this test needs root");
    }

    /** Runs {@code command}, throwing if it fails. */
    static void must(String... command) throws Exception {
        if (run(command) != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    /** As {@link #must(String...)}, prefixed by {@code wrapper} (such as {@code ip netns exec NAME}). */
    static void must(List<String> wrapper, String... command) throws Exception {
        must(joined(wrapper, command));
    }

    /** As {@link #must(List, String...)}, with {@code input} on the command's standard input. */
    static void mustWithInput(String input, List<String> wrapper, String... command) throws Exception {
        Process process = new ProcessBuilder(joined(wrapper, command)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", joined(wrapper, command)) + " failed");
        }
    }

    private static String[] joined(List<String> wrapper, String... command) {
        return Stream.concat(wrapper.stream(), Stream.of(command)).toArray(String[]::new);
    }

    /** Runs {@code command}: its exit code, -1 when it did not start or end within 30 s. */
    static int run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
