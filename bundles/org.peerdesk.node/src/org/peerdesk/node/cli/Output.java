package org.peerdesk.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.Counts;

import com.fasterxml.jackson.jr.ob.JSON;

/** Where the CLI prints: the API's answer as JSON with {@code --json}, else for people. */
record Output(PrintStream out, PrintStream err, boolean json) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    interface Printer {
        void print(Map<String, Object> answer);
    }

    int show(Map<String, Object> answer, Printer printer) throws Cli.ApiFailure {
        if (json) {
            try {
                out.println(JSON.std.asString(answer));
            } catch (IOException e) {
                throw new Cli.ApiFailure("cannot print the answer: " + e.getMessage());
            }
        } else {
            printer.print(answer);
        }
        return Cli.OK;
    }

    int usage(String message) {
        err.println("peerdesk: " + message);
        return Cli.USAGE;
    }

    /** A number from an answer with its noun: {@code 1 file}, {@code 3 files}. */
    static String count(Object number, String thing) {
        return Counts.of(((Number) number).longValue(), thing);
    }

    /** The same for a noun with a plural of its own: {@code count(n, "copy", "copies")}. */
    static String count(Object number, String one, String many) {
        return Counts.of(((Number) number).longValue(), one, many);
    }

    /** The object under {@code key} in an answer, such as the "share" of a share answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(Map<String, Object> answer, String key) {
        return (Map<String, Object>) answer.get(key);
    }

    /** The list of objects under {@code key} in an answer. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Map<String, Object> answer, String key) {
        return (List<Map<String, Object>>) answer.get(key);
    }

    /** A time from an answer (ISO-8601) as people read it here: {@code 2026-12-03 18:15}, in this machine's zone. */
    /** The first group of a peer ID, which names the peer wherever a command takes one. */
    static String idStart(Object peerId) {
        return String.valueOf(peerId).split("-")[0];
    }

    static String localTime(Object instant) {
        return TIME.format(Instant.parse(String.valueOf(instant)));
    }

    static String orDash(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? "-" : String.valueOf(value);
    }
}
