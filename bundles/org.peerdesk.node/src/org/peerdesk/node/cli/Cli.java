package org.peerdesk.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * The command line: a thin client of the admin API of the node running on a data directory.
 * {@code ./peerdesk id|invite|connect|peers} run it; {@code --json} prints the API's answer as is.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 64;
    static final int NO_NODE = 3;

    /** Where a new passphrase comes from: the terminal without echo, or a line of standard input. */
    @FunctionalInterface
    interface PassphraseSource {
        String read(PrintStream prompt) throws ApiFailure;
    }

    private final PrintStream out;
    private final PrintStream err;
    private final PassphraseSource passphrase;

    Cli(PrintStream out, PrintStream err, PassphraseSource passphrase) {
        this.out = out;
        this.err = err;
        this.passphrase = passphrase;
    }

    public static void main(String[] arguments) {
        System.exit(new Cli(System.out, System.err, Cli::readPassphrase).run(List.of(arguments)));
    }

    private static String readPassphrase(PrintStream prompt) throws ApiFailure {
        java.io.Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("New passphrase (empty to remove it): ");
            char[] again = console.readPassword("The same again: ");
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                throw new ApiFailure("the two passphrases differ; nothing was changed");
            }
            return new String(first);
        }
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new ApiFailure("no passphrase given on standard input; nothing was changed");
            }
            return line;
        } catch (IOException e) {
            throw new ApiFailure("cannot read the passphrase: " + e.getMessage());
        }
    }

    int run(List<String> arguments) {
        Path data = null;
        boolean json = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            switch (arguments.get(i)) {
                case "--data" -> data = Path.of(arguments.get(++i));
                case "--json" -> json = true;
                default -> words.add(arguments.get(i));
            }
        }
        if (data == null || words.isEmpty()) {
            err.println("peerdesk: usage: id | invite | connect CODE|PEERID@HOST:PORT | peers | name NEW-NAME | passphrase"
                    + " | plugins | speedtest PEERID [MIB]  [--json] [--data DIR]");
            return USAGE;
        }
        try {
            Api api = Api.of(data);
            return switch (words.get(0)) {
                case "id" -> show(api.get("/api/v1/identity"), json, this::printIdentity);
                case "invite" -> show(api.post("/api/v1/invites", Map.of()), json, this::printInvite);
                case "peers" -> show(api.get("/api/v1/peers"), json, this::printPeers);
                case "plugins" -> show(api.get("/api/v1/plugins"), json, this::printPlugins);
                case "speedtest" -> {
                    if (words.size() < 2 || words.size() > 3 || (words.size() == 3 && !words.get(2).matches("[1-9][0-9]{0,5}"))) {
                        err.println("peerdesk: speedtest takes a connected peer's ID and, optionally, how many MiB to send (default 100)");
                        yield USAGE;
                    }
                    Map<String, Object> request = words.size() == 3
                            ? Map.of("peer", words.get(1), "mebibytes", Long.parseLong(words.get(2)))
                            : Map.of("peer", words.get(1));
                    yield show(api.post("/api/v1/speedtest", request), json, this::printSpeed);
                }
                case "connect" -> {
                    if (words.size() != 2) {
                        err.println("peerdesk: connect takes one argument: an invite code, or PEERID@HOST:PORT");
                        yield USAGE;
                    }
                    yield show(api.post("/api/v1/peers", Map.of("target", words.get(1))), json, this::printConnected);
                }
                case "name" -> {
                    if (words.size() != 2) {
                        err.println("peerdesk: name takes one argument: the new name, in quotes if it has spaces");
                        yield USAGE;
                    }
                    yield show(api.post("/api/v1/identity/name", Map.of("name", words.get(1))), json,
                            identity -> out.println("This node is now called " + identity.get("name") + "."));
                }
                case "passphrase" -> {
                    String chosen = passphrase.read(err);
                    yield show(api.post("/api/v1/identity/passphrase", Map.of("passphrase", chosen)), json,
                            answer -> out.println(Boolean.TRUE.equals(answer.get("protected"))
                                    ? "The identity key is now encrypted. Start this node with PEERDESK_PASSPHRASE set to it."
                                    : "The identity key is no longer protected by a passphrase."));
                }
                default -> {
                    err.println("peerdesk: unknown command '" + words.get(0) + "'");
                    yield USAGE;
                }
            };
        } catch (NoNode e) {
            err.println("peerdesk: " + e.getMessage());
            return NO_NODE;
        } catch (ApiFailure e) {
            err.println("peerdesk: " + e.getMessage());
            return FAILED;
        }
    }

    private interface Printer {
        void print(Map<String, Object> answer);
    }

    private int show(Map<String, Object> answer, boolean json, Printer printer) throws ApiFailure {
        if (json) {
            try {
                out.println(JSON.std.asString(answer));
            } catch (IOException e) {
                throw new ApiFailure("cannot print the answer: " + e.getMessage());
            }
        } else {
            printer.print(answer);
        }
        return OK;
    }

    private void printIdentity(Map<String, Object> identity) {
        out.println(identity.get("peerId"));
    }

    private void printInvite(Map<String, Object> invite) {
        out.println(invite.get("code"));
        err.println("Give this code to the person to invite; it works once, until " + invite.get("expires") + ".");
    }

    @SuppressWarnings("unchecked")
    private void printConnected(Map<String, Object> answer) {
        Map<String, Object> peer = (Map<String, Object>) answer.get("peer");
        out.println("Connected to " + peer.get("name") + " (" + peer.get("peerId") + ") at " + peer.get("address") + ".");
    }

    @SuppressWarnings("unchecked")
    private void printPeers(Map<String, Object> answer) {
        List<Map<String, Object>> peers = (List<Map<String, Object>>) answer.get("peers");
        if (peers.isEmpty()) {
            out.println("No known peers yet. Invite someone with './peerdesk invite', or use './peerdesk connect CODE'.");
            return;
        }
        String format = "%-24s %-8s %-28s %s%n";
        out.printf(format, "NAME", "STATE", "ADDRESS", "PEER ID");
        for (Map<String, Object> peer : peers) {
            out.printf(format, peer.get("name"), Boolean.TRUE.equals(peer.get("online")) ? "online" : "offline",
                    peer.get("address") == null ? "-" : peer.get("address"), peer.get("peerId"));
        }
    }

    private void printSpeed(Map<String, Object> answer) {
        out.printf(java.util.Locale.ROOT, "%d MiB in %.2f s: %.0f MiB/s. Round trips meanwhile: median %.2f ms, 99th percentile %.2f ms (%s).%n",
                ((Number) answer.get("bytes")).longValue() >> 20, ((Number) answer.get("seconds")).doubleValue(),
                ((Number) answer.get("mebibytesPerSecond")).doubleValue(), ((Number) answer.get("roundTripP50Millis")).doubleValue(),
                ((Number) answer.get("roundTripP99Millis")).doubleValue(), answer.get("roundTrips"));
    }

    @SuppressWarnings("unchecked")
    private void printPlugins(Map<String, Object> answer) {
        List<Map<String, Object>> plugins = (List<Map<String, Object>>) answer.get("plugins");
        if (plugins.isEmpty()) {
            out.println("No plugins. Put plugin bundles (.jar) in " + answer.get("folder") + " and restart the node.");
            return;
        }
        String format = "%-32s %-40s %-10s %s%n";
        out.printf(format, "FILE", "BUNDLE", "STATE", "PROBLEM");
        for (Map<String, Object> plugin : plugins) {
            out.printf(format, plugin.get("file"), plugin.get("bundle") + " " + plugin.get("version"),
                    Boolean.TRUE.equals(plugin.get("running")) ? "running" : "stopped", plugin.get("problem"));
        }
    }

    /** No node runs on the data directory, or it does not answer. */
    static final class NoNode extends Exception {
        private static final long serialVersionUID = 1L;

        NoNode(String message) {
            super(message);
        }
    }

    /** The node answered with an error. */
    static final class ApiFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ApiFailure(String message) {
            super(message);
        }
    }

    /** The admin API of the node on one data directory. */
    record Api(Path data, URI base, String key, HttpClient client) {

        static Api of(Path data) throws NoNode {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(data.resolve("admin-api.properties"))) {
                properties.load(in);
            } catch (NoSuchFileException e) {
                throw new NoNode("No Peerdesk node is running on " + data + ". Start one with: ./peerdesk node --data " + data);
            } catch (IOException e) {
                throw new NoNode("Cannot read the node's API details in " + data + ": " + e.getMessage());
            }
            return new Api(data, URI.create(properties.getProperty("url", "")), properties.getProperty("key", ""),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        }

        Map<String, Object> get(String path) throws NoNode, ApiFailure {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        Map<String, Object> post(String path, Map<String, Object> body) throws NoNode, ApiFailure {
            try {
                return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(body)))
                        .header("Content-Type", "application/json"));
            } catch (IOException e) {
                throw new ApiFailure("cannot write the request: " + e.getMessage());
            }
        }

        private Map<String, Object> send(HttpRequest.Builder request) throws NoNode, ApiFailure {
            try {
                HttpResponse<String> response = client.send(request.header("X-API-Key", key)
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                Map<String, Object> answer = JSON.std.mapFrom(response.body());
                if (response.statusCode() != 200) {
                    throw new ApiFailure(String.valueOf(answer.getOrDefault("error", "the node answered " + response.statusCode())));
                }
                return answer;
            } catch (ConnectException e) {
                throw new NoNode("The Peerdesk node on " + data + " does not answer (did it stop?). Start it with: ./peerdesk node --data " + data);
            } catch (IOException e) {
                throw new ApiFailure("the node's answer could not be read: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiFailure("interrupted");
            }
        }
    }
}
