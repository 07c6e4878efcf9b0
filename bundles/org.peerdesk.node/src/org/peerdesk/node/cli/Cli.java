package org.peerdesk.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Elapsed;
import org.peerdesk.core.InvalidInputException;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * The command line: a thin client of the admin API of the node running on a data directory.
 * {@code ./peerdesk id|invite|connect|peers|grants|...} run it; {@code --json} prints the API's answer as is.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 64;
    static final int NO_NODE = 3;

    /** Where secrets come from: the terminal without echo, or a line of standard input. */
    @FunctionalInterface
    interface SecretSource {
        String read(String prompt, boolean confirm) throws ApiFailure;
    }

    /** The words of Peerdesk's own commands, the launcher's included; a plugin's command may take none of them. */
    public static final Set<String> BUILT_IN_WORDS = builtInWords();

    /** Options that take a value, as in {@code --note "for the review"}. */
    private static final Set<String> VALUED = Set.of("data", "note", "quota", "expires", "rights", "since", "limit", "copies",
            "every", "keep-last", "keep-daily", "keep-weekly", "grace-days", "keep-deleted-days", "up", "down", "hours", "via", "file",
            "message");
    /** Options that take every word after them up to the next option, joined by commas: {@code --to bob carol}. */
    private static final Set<String> LISTED = Set.of("to", "attach", "only", "with");

    /** The state of a peer that answers and refuses this machine as the node, as the desktop's Peers view says it too. */
    static final String REFUSES = "refuses this machine";

    /** Every command with what it takes, as the usage line lists them. */
    private static final String USAGE_LINE = "status | id | invite | connect CODE|PEERID@HOST:PORT|PEER --via PEER | peers | nearby | forget PEER | introduce PEER PEER...|GROUP | introductions [accept|decline ID] | name NEW-NAME | passphrase | start-over [cancel|list|delete FOLDER]"
            + " | plugins | speedtest PEER [MIB] | request PEER RESOURCE RIGHTS [--note TEXT] | requests | approve ID|PEER"
            + " | deny ID|PEER | grants | given | grant PEER RESOURCE RIGHTS | revoke ID|PEER RESOURCE | password set RESOURCE RIGHTS"
            + " | unlock PEER RESOURCE | block PEER | unblock PEER | audit | share add NAME FOLDER | share list"
            + " | share rename NAME NEW-NAME | share rescan NAME | share remove NAME | share ignore NAME [PATTERN...|-] | ls PEER [SHARE[/PATH]] | find PEER WORDS | get PEER SHARE/PATH [DEST] | put PATH PEER SHARE[/DIR] | sync NAME PEER [--only FOLDER...]"
            + " | sync stop|pause|resume NAME PEER | sync list | conflicts | resolve ID original|copy|both|merge | trash SHARE [restore DAY/PATH] | trash-days [N] | transfers [clear|remove ID] | cancel ID | retry ID"
            + " | send PEER|GROUP TEXT | reply PEER|GROUP TEXT | forward --message HANDLE PEER|GROUP | react PEER|GROUP REACTION | unreact PEER|GROUP | pin PEER|GROUP | unpin PEER|GROUP | pins PEER|GROUP | edit PEER|GROUP TEXT | unsend PEER|GROUP | messages PEER|GROUP [--since T] | receipts PEER|GROUP | clear-history PEER|GROUP | export PEER|GROUP [FILE] | conversations | mute PEER|GROUP | unmute PEER|GROUP | group create NAME PEER..."
            + " | group add|remove GROUP PEER | group rename GROUP NAME | group leave GROUP | search TEXT | mailbox [PEER|none]"
            + " | backup add NAME FOLDER... --to PEER... [--copies N] [--with SOURCE...] | backup sources | backup list | backup holders|run|verify|remove NAME | backup prune NAME [--keep-last N] | backup undelete | backup held [--grace-days N] [--keep-deleted-days N] | snapshots NAME"
            + " | restore NAME SNAPSHOT [PATH] --to DIR | recovery phrase | recovery file FILE | recover WORD... [--file FILE] | take-over"
            + " | limits [--up RATE] [--down RATE] [--hours HH:MM-HH:MM|always] | addresses [add|remove HOST:PORT|upnp on|off] | relaying [on|off]"
            + " | a plugin's COMMAND [ARGUMENT...]  [--json] [--data DIR]";

    private final PrintStream out;
    private final PrintStream err;
    private final SecretSource secrets;

    Cli(PrintStream out, PrintStream err, SecretSource secrets) {
        this.out = out;
        this.err = err;
        this.secrets = secrets;
    }

    /** What the usage line says {@code word} takes: {@code send PEER|GROUP TEXT}, or each form of it. */
    static String usageOf(String word) {
        return java.util.Arrays.stream(USAGE_LINE.split(" \\| ")).filter(form -> form.equals(word) || form.startsWith(word + " "))
                .collect(java.util.stream.Collectors.joining(" | "));
    }

    private static Set<String> builtInWords() {
        Set<String> words = new HashSet<>(Set.of("help", "build", "test", "bench", "node", "desktop", "new-plugin", StatusCommand.WORD, StartOverCommand.WORD, "id",
                "invite", "peers", "nearby", "forget", "plugins", "limits", "speedtest", "connect", "name", "passphrase"));
        List.of(AccessCommands.WORDS, FileCommands.WORDS, SyncCommands.WORDS, BackupCommands.WORDS, AddressCommands.WORDS,
                IntroductionCommands.WORDS, MessageCommands.WORDS).forEach(words::addAll);
        return Set.copyOf(words);
    }

    public static void main(String[] arguments) {
        System.exit(new Cli(System.out, System.err, Cli::readSecret).run(List.of(arguments)));
    }

    private static String readSecret(String prompt, boolean confirm) throws ApiFailure {
        java.io.Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword(prompt);
            char[] again = confirm ? console.readPassword("The same again: ") : first;
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                throw new ApiFailure("the two entries differ; nothing was changed");
            }
            return new String(first);
        }
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new ApiFailure("nothing given on standard input; nothing was changed");
            }
            return line;
        } catch (IOException e) {
            throw new ApiFailure("cannot read standard input: " + e.getMessage());
        }
    }

    int run(List<String> arguments) {
        Map<String, String> options = new HashMap<>();
        boolean json = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String option = argument.startsWith("--") ? argument.substring(2) : "";
            if (option.equals("json")) {
                json = true;
            } else if (VALUED.contains(option) && i + 1 < arguments.size()) {
                options.put(option, arguments.get(++i));
            } else if (LISTED.contains(option)) {
                List<String> values = new ArrayList<>();
                while (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                    values.add(arguments.get(++i));
                }
                options.put(option, String.join(",", values));
            } else {
                words.add(argument);
            }
        }
        Output output = new Output(out, err, json);
        if (!options.containsKey("data") || words.isEmpty()) {
            err.println("peerdesk: usage: " + USAGE_LINE);
            return USAGE;
        }
        int empty = words.indexOf("");
        if (empty > 0 && BUILT_IN_WORDS.contains(words.get(0))) {
            String forms = usageOf(words.get(0));
            return output.usage(words.get(0) + ": argument " + empty + " is empty, and names nothing (a variable that is not set?);"
                    + " nothing was done. " + (forms.isEmpty() ? "'peerdesk help' says what it takes." : "It takes: " + forms));
        }
        try {
            if (!BUILT_IN_WORDS.contains(words.get(0))) {
                return new PluginWords(output).run(words, options, Path.of(options.get("data")));
            }
            Api api = Api.of(Path.of(options.get("data")));
            if (AccessCommands.WORDS.contains(words.get(0))) {
                return new AccessCommands(output, secrets).run(words, options, api);
            }
            if (FileCommands.WORDS.contains(words.get(0))) {
                return new FileCommands(output).run(words, api);
            }
            if (SyncCommands.WORDS.contains(words.get(0))) {
                return new SyncCommands(output).run(words, options, api);
            }
            if (BackupCommands.WORDS.contains(words.get(0))) {
                return new BackupCommands(output, secrets).run(words, options, api);
            }
            if (AddressCommands.WORDS.contains(words.get(0))) {
                return new AddressCommands(output).run(words, api);
            }
            if (IntroductionCommands.WORDS.contains(words.get(0))) {
                return new IntroductionCommands(output).run(words, api);
            }
            if (MessageCommands.WORDS.contains(words.get(0))) {
                return new MessageCommands(output).run(words, options, api);
            }
            return switch (words.get(0)) {
                case StatusCommand.WORD -> new StatusCommand(output).run(api);
                case StartOverCommand.WORD -> new StartOverCommand(output).run(words, api);
                case "id" -> output.show(api.get("/api/v1/identity"), this::printIdentity);
                case "invite" -> output.show(api.post("/api/v1/invites", Map.of()), this::printInvite);
                case "peers" -> output.show(api.get("/api/v1/peers"), this::printPeers);
                case "nearby" -> output.show(api.get("/api/v1/peers/nearby"), this::printNearby);
                case "forget" -> words.size() != 2
                        ? output.usage("forget takes one known peer")
                        : output.show(api.post("/api/v1/peers/forget", Map.of("peer", words.get(1))), this::printForgotten);
                case "plugins" -> new PluginWords(output).list(api);
                case "limits" -> words.size() != 1
                        ? output.usage("limits takes --up RATE and --down RATE (such as 2M or none), --hours HH:MM-HH:MM or always")
                        : limits(options, api, output);
                case "speedtest" -> {
                    if (words.size() < 2 || words.size() > 3 || (words.size() == 3 && !words.get(2).matches("[1-9][0-9]{0,5}"))) {
                        yield output.usage("speedtest takes a connected peer's ID and, optionally, how many MiB to send (default 100)");
                    }
                    Map<String, Object> request = words.size() == 3
                            ? Map.of("peer", words.get(1), "mebibytes", Long.parseLong(words.get(2)))
                            : Map.of("peer", words.get(1));
                    yield output.show(api.post("/api/v1/speedtest", request), this::printSpeed);
                }
                case "connect" -> words.size() != 2
                        ? output.usage("connect takes one argument: an invite code, PEERID@HOST:PORT, or a known peer with --via PEER")
                        : options.containsKey("via")
                                ? output.show(api.post("/api/v1/peers/relay", Map.of("peer", words.get(1), "via", options.get("via"))),
                                        this::printConnected)
                                : output.show(api.post("/api/v1/peers", Map.of("target", words.get(1))), this::printConnected);
                case "name" -> words.size() != 2
                        ? output.usage("name takes one argument: the new name, in quotes if it has spaces")
                        : output.show(api.post("/api/v1/identity/name", Map.of("name", words.get(1))),
                                identity -> out.println("This node is now called " + identity.get("name") + "."));
                case "passphrase" -> {
                    String chosen = secrets.read("New passphrase (empty to remove it): ", true);
                    yield output.show(api.post("/api/v1/identity/passphrase", Map.of("passphrase", chosen)),
                            answer -> out.println(Boolean.TRUE.equals(answer.get("protected"))
                                    ? "The identity key is now encrypted. The node asks for the passphrase when it starts (the desktop in a dialog,"
                                            + " 'peerdesk node' on its terminal); elsewhere set PEERDESK_PASSPHRASE to it."
                                    : "The identity key is no longer protected by a passphrase."));
                }
                default -> output.usage("unknown command '" + words.get(0) + "'");
            };
        } catch (NoNode e) {
            err.println("peerdesk: " + e.getMessage());
            return NO_NODE;
        } catch (ApiFailure e) {
            err.println("peerdesk: " + e.getMessage());
            return FAILED;
        }
    }

    /** Shows the rate limits, or changes those given ({@code --up 2M}, {@code --down none}, {@code --hours 08:00-18:00}). */
    private int limits(Map<String, String> options, Api api, Output output) throws ApiFailure, NoNode {
        if (!options.containsKey("up") && !options.containsKey("down") && !options.containsKey("hours")) {
            return output.show(api.get("/api/v1/rate-limits"), this::printLimits);
        }
        Map<String, Object> change = new HashMap<>();
        if (options.containsKey("hours")) {
            change.put("hours", options.get("hours"));
        }
        try {
            if (options.containsKey("up")) {
                change.put("upload", ByteSizes.parseRate(options.get("up")));
            }
            if (options.containsKey("down")) {
                change.put("download", ByteSizes.parseRate(options.get("down")));
            }
        } catch (InvalidInputException e) {
            return output.usage(e.getMessage());
        }
        return output.show(api.post("/api/v1/rate-limits", change), this::printLimits);
    }

    private void printLimits(Map<String, Object> answer) {
        LimitsAnswer limits = LimitsAnswer.of(answer);
        out.println("Upload limit: " + ByteSizes.formatRate(limits.up()) + ". Download limit: " + ByteSizes.formatRate(limits.down()) + "."
                + limits.when().map(when -> " They hold " + when + ", this computer's time.").orElse(""));
        if (limits.any()) {
            out.println("Transfers, sync and backups share these; messages and requests are not held back.");
        }
    }

    private void printIdentity(Map<String, Object> identity) {
        out.println(identity.get("peerId"));
    }

    private void printInvite(Map<String, Object> invite) {
        out.println(invite.get("code"));
        err.println("Give this code to the person to invite; it works once, until " + Output.localTime(invite.get("expires")) + ".");
    }

    private void printConnected(Map<String, Object> answer) {
        Map<String, Object> peer = Output.entry(answer, "peer");
        out.println("Connected to " + peer.get("name") + " (" + peer.get("peerId") + ")"
                + (peer.get("via") instanceof String relay ? " through " + relay : " at " + peer.get("address")) + ".");
    }

    private void printPeers(Map<String, Object> answer) {
        List<Map<String, Object>> peers = Output.entries(answer, "peers");
        if (peers.isEmpty()) {
            out.println("No known peers yet. Invite someone with './peerdesk invite', or use './peerdesk connect CODE'.");
            return;
        }
        Table table = new Table("NAME", "STATE", "TRUST", "ADDRESS", "PEER ID");
        for (Map<String, Object> peer : peers) {
            table.add(peer.get("name"), state(peer), peer.get("trust"), addresses(peer), peer.get("peerId"));
        }
        table.print(out);
        for (Map<String, Object> peer : peers) {
            if (peer.get("lastTry") instanceof Map<?, ?> lastTry) {
                out.println(peer.get("name") + ", last tried " + Elapsed.since(Instant.parse(String.valueOf(lastTry.get("at"))),
                        Instant.now()) + ": " + lastTry.get("problem"));
            }
        }
    }

    /** Where the peer was reached, then where else it said it can be. */
    private static String addresses(Map<String, Object> peer) {
        String address = Output.orDash(peer.get("address"));
        List<String> alsoAt = peer.get("publicAddresses") instanceof List<?> given
                ? given.stream().map(String::valueOf).filter(other -> !other.equals(address)).toList() : List.of();
        return alsoAt.isEmpty() ? address : address + " (also " + String.join(", ", alsoAt) + ")";
    }

    /**
     * Online, refusing this machine, or else when last seen, as the desktop's Peers view says it: for a peer's answer, or any
     * with "online" and "lastSeen".
     */
    static String state(Map<String, Object> peer) {
        if (Boolean.TRUE.equals(peer.get("online"))) {
            return peer.get("via") instanceof String relay ? "online via " + relay : "online";
        }
        if (peer.get("lastTry") instanceof Map<?, ?> lastTry && Boolean.TRUE.equals(lastTry.get("refused"))) {
            return REFUSES;
        }
        return peer.get("lastSeen") instanceof String seen ? "seen " + Elapsed.since(Instant.parse(seen), Instant.now()) : "never seen";
    }

    private void printNearby(Map<String, Object> answer) {
        List<Map<String, Object>> nearby = Output.entries(answer, "nearby");
        if (Boolean.FALSE.equals(answer.get("listening"))) {
            out.println("LAN discovery is off on this node (peerdesk.discovery=off), so it hears no peers nearby.");
            return;
        }
        if (nearby.isEmpty()) {
            out.println("No peers heard on the local network that this node does not know. Nodes announce themselves every 30 s.");
            return;
        }
        Table table = new Table("NAME (AS IT CALLS ITSELF)", "ADDRESS", "PEER ID");
        for (Map<String, Object> peer : nearby) {
            table.add(peer.get("name"), ((List<?>) peer.get("addresses")).get(0), peer.get("peerId"));
        }
        table.print(out);
        out.println("Add one with './peerdesk connect PEER-ID@ADDRESS'. That grants it nothing: like any peer, it can then ask you for access.");
    }

    private void printForgotten(Map<String, Object> answer) {
        out.println("Forgot " + Output.entry(answer, "forgotten").get("name") + ": "
                + Output.count(answer.get("grantsEnded"), "grant", "grants") + " ended. Like any stranger it may still connect "
                + "to ask for access; './peerdesk block' refuses it.");
    }

    private void printSpeed(Map<String, Object> answer) {
        out.printf(java.util.Locale.ROOT, "%d MiB in %.2f s: %.0f MiB/s. Round trips meanwhile: median %.2f ms, 99th percentile %.2f ms (%s).%n",
                ((Number) answer.get("bytes")).longValue() >> 20, ((Number) answer.get("seconds")).doubleValue(),
                ((Number) answer.get("mebibytesPerSecond")).doubleValue(), ((Number) answer.get("roundTripP50Millis")).doubleValue(),
                ((Number) answer.get("roundTripP99Millis")).doubleValue(), answer.get("roundTrips"));
    }

    /** No node runs on the data directory, or it does not answer. */
    static final class NoNode extends Exception {
        private static final long serialVersionUID = 1L;

        NoNode(String message) {
            super(message);
        }
    }

    /** The node answered with an error, or its answer could not be had. */
    static final class ApiFailure extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;

        ApiFailure(String message) {
            this(0, message);
        }

        ApiFailure(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status the node answered with, 0 where it did not answer. */
        int status() {
            return status;
        }
    }

    /**
     * The admin API of the node on one data directory, over {@link HttpURLConnection}: the JDK's
     * HttpClient took half a second of every command to start (its TLS setup, unused on loopback),
     * this about a tenth of that.
     */
    record Api(Path data, URI base, String key) {

        private static final int CONNECT_MILLIS = 5_000;
        private static final int ANSWER_MILLIS = 60_000;

        static Api of(Path data) throws NoNode {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(data.resolve("admin-api.properties"))) {
                properties.load(in);
            } catch (NoSuchFileException e) {
                throw new NoNode("No Peerdesk node is running on " + data + ". Start one with: ./peerdesk node --data " + data);
            } catch (IOException e) {
                throw new NoNode("Cannot read the node's API details in " + data + ": " + e.getMessage());
            }
            return new Api(data, URI.create(properties.getProperty("url", "")), properties.getProperty("key", ""));
        }

        Map<String, Object> get(String path) throws NoNode, ApiFailure {
            return send(path, null);
        }

        Map<String, Object> post(String path, Map<String, Object> body) throws NoNode, ApiFailure {
            byte[] json;
            try {
                json = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asBytes(body); // a null says "none", as in approve --quota none
            } catch (IOException e) {
                throw new ApiFailure("cannot write the request: " + e.getMessage());
            }
            return send(path, json);
        }

        /** Sends a GET, or a POST of {@code body} if there is one, and reads the JSON answer. */
        private Map<String, Object> send(String path, byte[] body) throws NoNode, ApiFailure {
            try {
                HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
                connection.setConnectTimeout(CONNECT_MILLIS);
                connection.setReadTimeout(ANSWER_MILLIS);
                connection.setRequestProperty("X-API-Key", key);
                if (body != null) {
                    connection.setRequestMethod("POST");
                    connection.setRequestProperty("Content-Type", "application/json");
                    connection.setDoOutput(true);
                    connection.setFixedLengthStreamingMode(body.length);
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = connection.getResponseCode();
                Map<String, Object> answer;
                try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    answer = JSON.std.mapFrom(in == null ? InputStream.nullInputStream() : in);
                }
                if (status != 200) {
                    throw new ApiFailure(status, String.valueOf(answer.getOrDefault("error", "the node answered " + status)));
                }
                return answer;
            } catch (ConnectException e) {
                throw new NoNode("The Peerdesk node on " + data + " does not answer (did it stop?). Start it with: ./peerdesk node --data " + data);
            } catch (IOException e) {
                throw new ApiFailure("the node's answer could not be read: " + e.getMessage());
            }
        }
    }
}
